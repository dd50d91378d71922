import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { type DeptRequest, REQUEST_STATUSES } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Input, Select, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listRequests, type RequestFilters } from '../../api/requests.ts';
import { useCan } from '../../app/session.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { serverPaging } from '../../components/pagination.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { RequestDrawer } from './RequestDrawer.tsx';
import { requestColumns } from './requestColumns.tsx';
import { useNow } from './useNow.ts';
import './requests.css';

type Box = RequestFilters['box'];
type BoxFilters = Omit<RequestFilters, 'box'>;

function isBox(value: string | null): value is Box {
  return value === 'incoming' || value === 'outgoing' || value === 'all';
}

/** 部门请求: what my department received, what it asked for, and everything in my scope. */
export default function RequestsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = useCan();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const box: Box = isBox(params.get('box')) ? (params.get('box') as Box) : 'incoming';
  const [filters, setFilters] = useState<BoxFilters>({});
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const listQuery = { ...filters, box, q: q || undefined };

  const query = useQuery({
    queryKey: queryKeys.requests.list(listQuery, paging.page, paging.pageSize),
    queryFn: () => listRequests(listQuery, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const apply = (next: BoxFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };

  return (
    <div data-testid="requests-page">
      <PageHeader
        title={t('requests.list.title')}
        subtitle={t('requests.list.subtitle')}
        extra={
          <>
            {allowed('request.read') && (
              <Button icon={<BarChartOutlined />} onClick={() => navigate('/requests/report')}>
                {t('requests.list.report')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="request-create"
            >
              {t('requests.list.create')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={box}
          onChange={(key) => {
            setParams(key === 'incoming' ? {} : { box: key }, { replace: true });
            setPaging((current) => ({ ...current, page: 1 }));
          }}
          items={(['incoming', 'outgoing', 'all'] as const).map((key) => ({
            key,
            label: <span data-testid={`request-box-${key}`}>{t(`requests.boxes.${key}`)}</span>,
          }))}
        />
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('requests.list.searchPlaceholder')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setPaging((current) => ({ ...current, page: 1 }));
            }}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('requests.list.allStatuses')}
            value={filters.status}
            onChange={(status) => apply({ ...filters, status })}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) }))}
          />
          <DepartmentSelect
            style={{ width: 200 }}
            placeholder={t('requests.list.departmentPlaceholder')}
            value={filters.departmentId ?? null}
            onChange={(departmentId) => apply({ ...filters, departmentId: departmentId ?? undefined })}
          />
          <Checkbox
            checked={filters.escalated === 'true'}
            onChange={(event) => apply({ ...filters, escalated: event.target.checked ? 'true' : undefined })}
            style={{ alignSelf: 'center' }}
          >
            {t('requests.list.escalatedOnly')}
          </Checkbox>
          <Button
            onClick={() => {
              setText('');
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <Table<DeptRequest>
          data-testid="requests-table"
          rowKey="id"
          size="middle"
          columns={requestColumns(t, now)}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1100 }}
          rowClassName={(r) => (r.overdue ? 'lia-request-row-overdue' : '')}
          onRow={(r) => ({
            onClick: (event) => {
              if ((event.target as HTMLElement).closest('a')) return;
              navigate(`/requests/${r.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          locale={{ emptyText: t('requests.list.empty') }}
          {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
        />
      </Card>
      <RequestDrawer open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
