import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { Announcement } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Flex, Input, Pagination, Segmented, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { type AnnouncementFilters, listAnnouncements } from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useCan } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { announcementDate, categoryName } from '../../shared/announcementText.ts';
import { useCategories } from '../../shared/queries/announcements.ts';
import { AckBadge, CategoryTag, ImportanceTag, PinnedMark } from './AnnouncementTags.tsx';
import './announcements.css';

const ALL = 'all';

function FeedItem({ announcement: a, onOpen }: { announcement: Announcement; onOpen: () => void }) {
  const { t } = useTranslation();
  const unread = a.me.recipient && a.me.readAt === null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row holding a whole announcement, not a plain button
    <div
      role="button"
      tabIndex={0}
      className="lia-feed-item"
      data-testid="announcement-item"
      data-unread={unread ? 'true' : 'false'}
      data-id={a.id}
      onClick={onOpen}
      onKeyDown={(event) => event.key === 'Enter' && onOpen()}
    >
      <Flex gap={8} align="center" wrap>
        {unread && <Badge status="processing" />}
        <PinnedMark pinned={a.pinned} />
        <Typography.Text strong={unread} className="lia-feed-title" data-testid="announcement-title">
          {a.title}
        </Typography.Text>
        <CategoryTag category={a.category} />
        <ImportanceTag importance={a.importance} />
        <AckBadge announcement={a} />
      </Flex>
      {a.summary && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
          {a.summary}
        </Typography.Paragraph>
      )}
      <Flex gap={16} wrap style={{ marginTop: 6, fontSize: 12 }}>
        <Typography.Text type="secondary">{a.publishingDepartment.name}</Typography.Text>
        <Typography.Text type="secondary" title={formatDateTime(announcementDate(a))}>
          {formatDate(announcementDate(a))}
        </Typography.Text>
        {a.me.ackedAt && (
          <Typography.Text type="success">
            {t('announcements.feed.acked', { at: formatDateTime(a.me.ackedAt) })}
          </Typography.Text>
        )}
      </Flex>
    </div>
  );
}

/** 公告: what the reader may read, unread first and pinned on top, by category, searchable. */
export default function AnnouncementsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = useCan();
  const canPublish = allowed('announcement.publish') || allowed('announcement.manage');
  const [params, setParams] = useSearchParams();
  const categoryId = params.get('category') ?? ALL;
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const categories = useCategories();

  const filters: AnnouncementFilters = {
    view: 'feed',
    categoryId: categoryId === ALL ? undefined : categoryId,
    unread: unreadOnly ? 'true' : undefined,
    q: q || undefined,
  };
  const query = useQuery({
    queryKey: queryKeys.announcements.list(filters, paging.page, paging.pageSize),
    queryFn: () => listAnnouncements(filters, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const firstPage = () => setPaging((current) => ({ ...current, page: 1 }));
  const items = query.data?.items ?? [];

  return (
    <div data-testid="announcements-page">
      <PageHeader
        title={t('announcements.feed.title')}
        subtitle={t('announcements.feed.subtitle')}
        extra={
          canPublish && (
            <>
              <Button
                icon={<UnorderedListOutlined />}
                onClick={() => navigate('/announcements/managed')}
                data-testid="announcements-managed"
              >
                {t('announcements.managed.title')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/announcements/new')}
                data-testid="announcement-create"
              >
                {t('announcements.feed.create')}
              </Button>
            </>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Tabs
          style={{ padding: '0 16px' }}
          activeKey={categoryId}
          onChange={(key) => {
            setParams(key === ALL ? {} : { category: key }, { replace: true });
            firstPage();
          }}
          items={[
            { key: ALL, label: t('announcements.feed.allCategories') },
            ...(categories.data ?? []).map((c) => ({
              key: c.id,
              label: <span data-testid={`announcement-tab-${c.key}`}>{categoryName(t, c)}</span>,
            })),
          ]}
          data-testid="announcement-tabs"
        />
        <Flex
          wrap
          gap={12}
          align="center"
          style={{ padding: '0 16px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('announcements.feed.searchPlaceholder')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              firstPage();
            }}
            data-testid="announcement-search"
          />
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => {
              setUnreadOnly(value === 'unread');
              firstPage();
            }}
            options={[
              { value: 'all', label: t('announcements.feed.all') },
              { value: 'unread', label: t('announcements.feed.unread') },
            ]}
          />
        </Flex>
        <Spin spinning={query.isFetching && !query.isLoading}>
          {query.isLoading ? (
            <Spin style={{ display: 'block', margin: 48 }} />
          ) : items.length === 0 ? (
            <Empty style={{ padding: 48 }} description={t('announcements.feed.empty')} />
          ) : (
            <div data-testid="announcement-feed">
              {items.map((a) => (
                <FeedItem key={a.id} announcement={a} onOpen={() => navigate(`/announcements/${a.id}`)} />
              ))}
            </div>
          )}
        </Spin>
        {(query.data?.total ?? 0) > paging.pageSize && (
          <Flex justify="flex-end" style={{ padding: 16 }}>
            <Pagination
              current={paging.page}
              pageSize={paging.pageSize}
              total={query.data?.total ?? 0}
              showSizeChanger
              pageSizeOptions={[10, 20, 50, 100]}
              showTotal={(count) => t('common.total', { count })}
              onChange={(page, pageSize) => setPaging({ page, pageSize })}
            />
          </Flex>
        )}
      </Card>
    </div>
  );
}
