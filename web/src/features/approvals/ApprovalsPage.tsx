import { APPROVAL_STATUSES, APPROVAL_SUBJECT_TYPES, type Approval } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Flex, Row, Select, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type ApprovalFilters, listApprovals } from '../../api/approvals.ts';
import { queryKeys } from '../../api/keys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { serverPaging } from '../../components/pagination.ts';
import { useTodoApprovalCount } from '../../shared/queries/approvals.ts';
import { ApprovalDrawer } from './ApprovalDrawer.tsx';
import { approvalColumns } from './approvalColumns.tsx';
import { DelegationsCard } from './DelegationsCard.tsx';

type Box = ApprovalFilters['box'];
type BoxFilters = Omit<ApprovalFilters, 'box'>;
const BOXES = ['todo', 'mine', 'done'] as const;

function isBox(value: string | null): value is Box {
  return (BOXES as readonly (string | null)[]).includes(value);
}

/** 审批: 待我审批 / 我发起的 / 已处理, one approval in a drawer (?id=), and my delegations beside. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const box: Box = isBox(params.get('box')) ? (params.get('box') as Box) : 'todo';
  const openId = params.get('id');
  const [filters, setFilters] = useState<BoxFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const todo = useTodoApprovalCount(true);
  const listQuery: ApprovalFilters = { ...filters, box };

  const query = useQuery({
    queryKey: queryKeys.approvals.list(listQuery, paging.page, paging.pageSize),
    queryFn: () => listApprovals(listQuery, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const apply = (next: BoxFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: key === 'box' });
  };

  return (
    <div data-testid="approvals-page">
      <PageHeader title={t('approvals.list.title')} subtitle={t('approvals.list.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={box}
              onChange={(key) => {
                setParam('box', key === 'todo' ? null : key);
                setPaging((current) => ({ ...current, page: 1 }));
              }}
              items={BOXES.map((key) => ({
                key,
                label: (
                  <span data-testid={`approval-box-${key}`}>
                    {t(`approvals.boxes.${key}`)}
                    {key === 'todo' && todo > 0 && (
                      <Badge count={todo} size="small" style={{ marginLeft: 6 }} />
                    )}
                  </span>
                ),
              }))}
            />
            <Flex wrap gap={12} style={{ marginBottom: 16 }}>
              <Select
                allowClear
                style={{ width: 160 }}
                placeholder={t('approvals.list.allTypes')}
                value={filters.subjectType}
                onChange={(subjectType) => apply({ ...filters, subjectType })}
                options={APPROVAL_SUBJECT_TYPES.map((type) => ({
                  value: type,
                  label: t(`approvals.subjectTypes.${type}`),
                }))}
              />
              {box !== 'todo' && (
                <Select
                  allowClear
                  style={{ width: 140 }}
                  placeholder={t('approvals.list.allStatuses')}
                  value={filters.status}
                  onChange={(status) => apply({ ...filters, status })}
                  options={APPROVAL_STATUSES.map((s) => ({ value: s, label: t(`approvals.statuses.${s}`) }))}
                />
              )}
            </Flex>
            <Table<Approval>
              data-testid="approvals-table"
              rowKey="id"
              size="middle"
              columns={approvalColumns(t)}
              dataSource={query.data?.items}
              loading={query.isFetching}
              scroll={{ x: 780 }}
              onRow={(a) => ({
                onClick: () => setParam('id', a.id),
                style: { cursor: 'pointer' },
                'data-testid': 'approval-row',
              })}
              locale={{ emptyText: t(`approvals.list.empty.${box}`) }}
              {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <DelegationsCard />
        </Col>
      </Row>
      <ApprovalDrawer approvalId={openId} onClose={() => setParam('id', null)} />
    </div>
  );
}
