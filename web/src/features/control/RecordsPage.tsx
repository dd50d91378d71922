import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { CONTROL_OUTCOMES, type ExternalRecord } from '@liaison/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ExternalRecordFilters, exportExternalRecords, listExternalRecords } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { useCan } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UserPicker } from '../../components/UserPicker.tsx';
import { useDatePresets } from '../../shared/datePresets.ts';
import { OutcomeTag } from './ControlTags.tsx';
import { useCounterparties } from './queries.ts';
import './control.css';
import { serverPaging } from '../../components/pagination.ts';

/** 对外沟通记录: every communication with a counterparty, what became of it, and an Excel export. */
export default function RecordsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = useCan();
  const showError = useApiError();
  const presets = useDatePresets();
  const counterparties = useCounterparties(allowed('counterparty.read'));
  const [filters, setFilters] = useState<ExternalRecordFilters>({});
  const [text, setText] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });

  const query = useQuery({
    queryKey: queryKeys.control.records(filters, paging.page, paging.pageSize),
    queryFn: () => listExternalRecords(filters, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const download = useMutation({
    mutationFn: () => exportExternalRecords(filters),
    onError: (error) => showError(error),
  });

  const apply = (next: ExternalRecordFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };
  const range: [Dayjs, Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;

  const columns: TableColumnsType<ExternalRecord> = [
    {
      title: t('control.record.occurredAt'),
      dataIndex: 'occurredAt',
      width: 160,
      render: (at: string) => (
        <Tooltip title={fromNow(at)}>
          <span>{formatDateTime(at)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('control.record.person'),
      key: 'person',
      width: 110,
      render: (_, r) => r.person?.displayName ?? '—',
    },
    {
      title: t('control.record.direction'),
      dataIndex: 'direction',
      width: 80,
      render: (_, r) => (
        <Tag color={r.direction === 'outbound' ? 'geekblue' : 'cyan'}>
          {t(`control.recordDirections.${r.direction}`)}
        </Tag>
      ),
    },
    {
      title: t('control.record.counterparty'),
      key: 'counterparty',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.counterparty?.name ?? '—'}</span>
          {r.channel && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`control.recordKinds.${r.kind}`)} · {r.channel.name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('control.record.summary'),
      dataIndex: 'summary',
      ellipsis: { showTitle: false },
      render: (_, r) => (
        <Tooltip title={r.summary} placement="topLeft">
          <span>
            {r.summary}
            {r.attachmentCount > 0 && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                <PaperClipOutlined /> {r.attachmentCount}
              </Typography.Text>
            )}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('control.record.outcome'),
      dataIndex: 'outcome',
      width: 100,
      render: (_, r) => <OutcomeTag outcome={r.outcome} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) =>
        r.controlEventId ? (
          <Button
            type="link"
            size="small"
            onClick={() => navigate(`/compliance/review?event=${r.controlEventId}`)}
          >
            {t('control.record.viewMatch')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="records-page">
      <PageHeader
        title={t('control.record.title')}
        subtitle={t('control.record.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={download.isPending}
            onClick={() => download.mutate()}
            data-testid="records-export"
          >
            {t('common.export')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            style={{ width: 200 }}
            allowClear
            value={text}
            placeholder={t('control.record.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            onSearch={(q) => apply({ ...filters, q: q.trim() || undefined })}
            data-testid="records-search"
          />
          {allowed('user.read') && (
            <div style={{ width: 150 }}>
              <UserPicker
                value={filters.personId ?? null}
                onChange={(personId) => apply({ ...filters, personId: personId ?? undefined })}
                placeholder={t('control.record.person')}
              />
            </div>
          )}
          <Select
            style={{ width: 170 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('control.record.allCounterparties')}
            value={filters.counterpartyId}
            loading={counterparties.isLoading}
            onChange={(counterpartyId) => apply({ ...filters, counterpartyId })}
            options={(counterparties.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            style={{ width: 100 }}
            allowClear
            placeholder={t('control.record.direction')}
            value={filters.direction}
            onChange={(direction) => apply({ ...filters, direction })}
            options={(['outbound', 'inbound'] as const).map((d) => ({
              value: d,
              label: t(`control.recordDirections.${d}`),
            }))}
          />
          <Select
            style={{ width: 120 }}
            allowClear
            placeholder={t('control.record.outcome')}
            value={filters.outcome}
            onChange={(outcome) => apply({ ...filters, outcome })}
            options={CONTROL_OUTCOMES.map((o) => ({ value: o, label: t(`control.outcomes.${o}`) }))}
          />
          <DatePicker.RangePicker
            style={{ width: 240 }}
            value={range}
            presets={presets}
            onChange={(dates) =>
              apply({
                ...filters,
                from: dates?.[0]?.startOf('day').toISOString(),
                to: dates?.[1]?.endOf('day').toISOString(),
              })
            }
          />
        </Flex>
        <Table<ExternalRecord>
          data-testid="records-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1100 }}
          {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
        />
      </Card>
    </div>
  );
}
