import { ANOMALY_KINDS, type AnomalyAlert } from '@liaison/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Flex, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AlertFilters, acknowledgeAlert, listAlerts } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useCan } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UserPicker } from '../../components/UserPicker.tsx';
import { alertWindow, baselineText } from './alertText.ts';
import './control.css';
import { serverPaging } from '../../components/pagination.ts';

const DEFAULT_FILTERS: AlertFilters = { status: 'open' };

/** 异常告警: someone's external communication far outside their own usual pattern. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const allowed = useCan();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<AlertFilters>(DEFAULT_FILTERS);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [acknowledging, setAcknowledging] = useState<AnomalyAlert | null>(null);
  const [comment, setComment] = useState('');

  const query = useQuery({
    queryKey: queryKeys.control.alertList(filters, paging.page, paging.pageSize),
    queryFn: () => listAlerts(filters, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const acknowledge = useMutation({
    mutationFn: (alert: AnomalyAlert) => acknowledgeAlert(alert.id, comment.trim() || null),
    onSuccess: () => {
      message.success(t('control.alert.acknowledged'));
      setAcknowledging(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.control.alerts });
    },
    onError: (error) => showError(error),
  });
  const apply = (next: AlertFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };

  const columns: TableColumnsType<AnomalyAlert> = [
    {
      title: t('control.alert.person'),
      key: 'user',
      width: 120,
      render: (_, a) => a.user.displayName,
    },
    {
      title: t('control.alert.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_, a) => (
        <Tooltip title={t(`control.anomalyHints.${a.kind}`)}>
          <Tag color="volcano">{t(`control.anomalyKinds.${a.kind}`)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('control.alert.window'),
      key: 'window',
      width: 250,
      render: (_, a) => alertWindow(t, a.windowStart, a.windowEnd),
    },
    {
      title: t('control.alert.observed'),
      key: 'observed',
      width: 230,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>
            {t(`control.anomalyUnits.${a.kind}`, { count: a.observed })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {baselineText(t, a.baseline)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('control.alert.status'),
      key: 'status',
      render: (_, a) =>
        a.status === 'open' ? (
          <Tag color="red">{t('control.alertStatuses.open')}</Tag>
        ) : (
          <Space orientation="vertical" size={0}>
            <span>
              <Tag color="green">{t('control.alertStatuses.acknowledged')}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.acknowledgedBy?.displayName} · {formatDateTime(a.acknowledgedAt)}
              </Typography.Text>
            </span>
            {a.comment && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.comment}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    {
      title: t('control.alert.raisedAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, a) =>
        a.status === 'open' && (
          <Button
            type="link"
            size="small"
            onClick={() => {
              setComment('');
              setAcknowledging(a);
            }}
            data-testid="alert-acknowledge"
          >
            {t('control.alert.acknowledge')}
          </Button>
        ),
    },
  ];

  return (
    <div data-testid="alerts-page">
      <PageHeader title={t('control.alert.title')} subtitle={t('control.alert.subtitle')} />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('control.alert.allStatuses')}
            value={filters.status}
            onChange={(status) => apply({ ...filters, status })}
            options={(['open', 'acknowledged'] as const).map((s) => ({
              value: s,
              label: t(`control.alertStatuses.${s}`),
            }))}
          />
          <Select
            style={{ width: 170 }}
            allowClear
            placeholder={t('control.alert.allKinds')}
            value={filters.kind}
            onChange={(kind) => apply({ ...filters, kind })}
            options={ANOMALY_KINDS.map((k) => ({ value: k, label: t(`control.anomalyKinds.${k}`) }))}
          />
          {allowed('user.read') && (
            <div style={{ width: 180 }}>
              <UserPicker
                value={filters.userId ?? null}
                onChange={(userId) => apply({ ...filters, userId: userId ?? undefined })}
                placeholder={t('control.alert.person')}
              />
            </div>
          )}
          <Button onClick={() => apply(DEFAULT_FILTERS)}>{t('common.reset')}</Button>
        </Flex>
        <Table<AnomalyAlert>
          data-testid="alerts-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1100 }}
          {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
        />
      </Card>
      <Modal
        open={acknowledging !== null}
        title={
          acknowledging &&
          t('control.alert.acknowledgeTitle', {
            name: acknowledging.user.displayName,
            kind: t(`control.anomalyKinds.${acknowledging.kind}`),
          })
        }
        okText={t('control.alert.acknowledge')}
        confirmLoading={acknowledge.isPending}
        onOk={() => acknowledging && acknowledge.mutate(acknowledging)}
        onCancel={() => setAcknowledging(null)}
      >
        <Typography.Paragraph type="secondary">{t('control.alert.acknowledgeHint')}</Typography.Paragraph>
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={1000}
          placeholder={t('control.alert.commentPlaceholder')}
          data-testid="alert-comment"
        />
      </Modal>
    </div>
  );
}
