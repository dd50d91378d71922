import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import type { Notification } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, Popover, Spin, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listNotifications } from '../../api/notifications.ts';
import { NotificationItem } from './NotificationItem.tsx';
import { notificationTarget } from './notificationText.ts';
import { useMarkRead, useUnreadCount } from './queries.ts';

/** How many of the latest notices the dropdown shows. */
const LATEST = 8;

/** The header's bell: the unread count, kept live, and the latest notices one click away. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const latest = useQuery({
    queryKey: queryKeys.notifications.list({}, 1, LATEST),
    queryFn: () => listNotifications({}, 1, LATEST),
    enabled: open,
  });

  const go = (path: string) => {
    setOpen(false);
    navigate(path);
  };
  const openNotice = (n: Notification) => {
    if (n.readAt === null) markRead.mutate([n.id]);
    const target = notificationTarget(n);
    if (target) go(target);
  };

  const items = latest.data?.items ?? [];
  const panel = (
    <div className="lia-bell-panel" data-testid="notification-panel">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.bell.title')}</Typography.Text>
        <Flex gap={4}>
          <Button
            type="link"
            size="small"
            disabled={unread === 0}
            loading={markRead.isPending && markRead.variables === undefined}
            onClick={() => markRead.mutate(undefined)}
            data-testid="notification-mark-all"
          >
            {t('notifications.bell.markAllRead')}
          </Button>
          <Tooltip title={t('notifications.bell.settings')}>
            <Button
              type="text"
              size="small"
              icon={<SettingOutlined />}
              aria-label={t('notifications.bell.settings')}
              onClick={() => go('/notifications/settings')}
            />
          </Tooltip>
        </Flex>
      </Flex>
      <div className="lia-bell-list">
        {latest.isLoading ? (
          <Spin style={{ display: 'block', margin: 24 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.bell.empty')} />
        ) : (
          items.map((n) => (
            // biome-ignore lint/a11y/useSemanticElements: a row holding a whole notice, not a plain button
            <div
              key={n.id}
              role="button"
              tabIndex={0}
              className="lia-bell-entry"
              onClick={() => openNotice(n)}
              onKeyDown={(event) => event.key === 'Enter' && openNotice(n)}
            >
              <NotificationItem notification={n} compact />
            </div>
          ))
        )}
      </div>
      <Button block type="link" onClick={() => go('/notifications')} data-testid="notification-view-all">
        {t('notifications.bell.viewAll')}
      </Button>
    </div>
  );

  return (
    <Popover
      content={panel}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
    >
      <Button
        type="text"
        aria-label={t('notifications.bell.label')}
        data-testid="notification-bell"
        data-unread={unread}
        style={{ height: 40 }}
      >
        <Badge count={unread} overflowCount={99} size="small" data-testid="notification-bell-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
