import type { ControlEvent } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type ControlEventFilters, listControlEvents } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ReviewDrawer } from './ReviewDrawer.tsx';
import { DEFAULT_REVIEW_FILTERS, ReviewFilterBar } from './ReviewFilterBar.tsx';
import { reviewColumns } from './reviewColumns.tsx';
import './control.css';
import { serverPaging } from '../../components/pagination.ts';

/**
 * 审核队列: held messages waiting for a decision and policy matches not yet looked at, newest
 * first; `?event=<id>` opens one (links from the external communication record).
 */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<ControlEventFilters>(DEFAULT_REVIEW_FILTERS);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const openId = params.get('event');

  const query = useQuery({
    queryKey: queryKeys.control.eventList(filters, paging.page, paging.pageSize),
    queryFn: () => listControlEvents(filters, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });

  const open = (event: ControlEvent) => setParams({ event: event.id });
  const columns = reviewColumns(t, open);

  return (
    <div data-testid="review-page">
      <PageHeader title={t('control.review.title')} subtitle={t('control.review.subtitle')} />
      <Card>
        <ReviewFilterBar
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPaging((current) => ({ ...current, page: 1 }));
          }}
        />
        <Table<ControlEvent>
          data-testid="review-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1100 }}
          onRow={(event) => ({ onClick: () => open(event), style: { cursor: 'pointer' } })}
          rowClassName={(event) => (event.id === openId ? 'ant-table-row-selected' : '')}
          {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
        />
      </Card>
      <ReviewDrawer eventId={openId} onClose={() => setParams({})} />
    </div>
  );
}
