import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { NOTIFICATION_KINDS, type Notification } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Pagination, Segmented, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listNotifications, type NotificationFilters } from '../../api/notifications.ts';
import { useApiError } from '../../app/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { NotificationItem } from './NotificationItem.tsx';
import { notificationTarget } from './notificationText.ts';
import { useMarkRead, useUnreadCount } from './queries.ts';

/** 通知中心: every notice, newest first; opening one marks it read and goes to what it is about. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const [filters, setFilters] = useState<NotificationFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });

  const query = useQuery({
    queryKey: queryKeys.notifications.list(filters, paging.page, paging.pageSize),
    queryFn: () => listNotifications(filters, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const apply = (next: NotificationFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };

  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate([n.id]);
    const target = notificationTarget(n);
    if (target) navigate(target);
  };
  const markAll = () =>
    markRead.mutate(undefined, {
      onSuccess: () => message.success(t('notifications.inbox.markedAllRead')),
      onError: (error) => showError(error),
    });

  const items = query.data?.items ?? [];
  return (
    <div data-testid="notifications-page">
      <PageHeader
        title={t('notifications.inbox.title')}
        subtitle={t('notifications.inbox.subtitle')}
        extra={
          <>
            <Button icon={<SettingOutlined />} onClick={() => navigate('/notifications/settings')}>
              {t('notifications.inbox.settings')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={unread === 0}
              onClick={markAll}
              data-testid="notifications-mark-all"
            >
              {t('notifications.inbox.markAllRead')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex wrap gap={12} align="center" style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Segmented
            value={filters.unread === 'true' ? 'unread' : 'all'}
            onChange={(value) => apply({ ...filters, unread: value === 'unread' ? 'true' : undefined })}
            options={[
              { value: 'all', label: t('notifications.inbox.all') },
              { value: 'unread', label: t('notifications.inbox.unread') },
            ]}
            data-testid="notifications-unread-filter"
          />
          <Select
            style={{ width: 180 }}
            allowClear
            placeholder={t('notifications.inbox.allKinds')}
            value={filters.kind}
            onChange={(kind) => apply({ ...filters, kind })}
            options={NOTIFICATION_KINDS.map((kind) => ({
              value: kind,
              label: t(`notifications.kinds.${kind}`),
            }))}
          />
          <Typography.Text type="secondary">
            {t('notifications.inbox.unreadCount', { count: unread })}
          </Typography.Text>
        </Flex>
        <Spin spinning={query.isFetching && !query.isLoading}>
          {query.isLoading ? (
            <Spin style={{ display: 'block', margin: 48 }} />
          ) : items.length === 0 ? (
            <Empty style={{ padding: 48 }} description={t('notifications.inbox.empty')} />
          ) : (
            items.map((n) => (
              // biome-ignore lint/a11y/useSemanticElements: a row holding a whole notice, not a plain button
              <div
                key={n.id}
                role="button"
                tabIndex={0}
                className="lia-inbox-entry"
                data-unread={n.readAt === null ? 'true' : 'false'}
                onClick={() => open(n)}
                onKeyDown={(event) => event.key === 'Enter' && open(n)}
              >
                <NotificationItem
                  notification={n}
                  extra={
                    n.readAt === null && (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0, height: 'auto' }}
                        onClick={(event) => {
                          event.stopPropagation();
                          markRead.mutate([n.id]);
                        }}
                      >
                        {t('notifications.inbox.markRead')}
                      </Button>
                    )
                  }
                />
              </div>
            ))
          )}
        </Spin>
        {(query.data?.total ?? 0) > 0 && (
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
