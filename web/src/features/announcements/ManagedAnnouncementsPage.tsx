import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { ANNOUNCEMENT_STATUSES, type Announcement } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type AnnouncementFilters, listAnnouncements } from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { serverPaging } from '../../components/pagination.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { categoryName } from '../../shared/announcementText.ts';
import { useCategories } from '../../shared/queries/announcements.ts';
import { managedColumns } from './managedColumns.tsx';

type Filters = Omit<AnnouncementFilters, 'view' | 'q'>;

/** 我发布的: drafts, ones in approval, scheduled, published and withdrawn, newest first. */
export default function ManagedAnnouncementsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categories = useCategories();
  const [filters, setFilters] = useState<Filters>({});
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const listQuery: AnnouncementFilters = { ...filters, view: 'managed', q: q || undefined };

  const query = useQuery({
    queryKey: queryKeys.announcements.list(listQuery, paging.page, paging.pageSize),
    queryFn: () => listAnnouncements(listQuery, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const apply = (next: Filters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };

  return (
    <div data-testid="managed-announcements-page">
      <PageHeader
        title={
          <Flex align="center" gap={4}>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('announcements.read.back')}
              onClick={() => navigate('/announcements')}
            />
            {t('announcements.managed.title')}
          </Flex>
        }
        subtitle={t('announcements.managed.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/announcements/new')}>
            {t('announcements.feed.create')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('announcements.feed.searchPlaceholder')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setPaging((current) => ({ ...current, page: 1 }));
            }}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('announcements.managed.allStatuses')}
            value={filters.status}
            onChange={(status) => apply({ ...filters, status })}
            options={ANNOUNCEMENT_STATUSES.map((s) => ({
              value: s,
              label: t(`announcements.statuses.${s}`),
            }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('announcements.feed.allCategories')}
            value={filters.categoryId}
            onChange={(categoryId) => apply({ ...filters, categoryId })}
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: categoryName(t, c) }))}
          />
          <Button
            onClick={() => {
              setText('');
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <Table<Announcement>
          data-testid="managed-table"
          rowKey="id"
          size="middle"
          columns={managedColumns(t, navigate)}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('announcements.managed.empty') }}
          {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
        />
      </Card>
    </div>
  );
}
