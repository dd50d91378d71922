import {
  AuditOutlined,
  BellOutlined,
  CarryOutOutlined,
  InteractionOutlined,
  LockOutlined,
  NotificationOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { Notification } from '@liaison/contracts';
import { Badge, Flex, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { type KindGroup, kindGroup } from './notificationText.ts';
import './notifications.css';

const GROUP_ICON: Record<KindGroup, ReactNode> = {
  task: <CarryOutOutlined />,
  request: <InteractionOutlined />,
  control: <SafetyOutlined />,
  approval: <AuditOutlined />,
  announcement: <NotificationOutlined />,
  security: <LockOutlined />,
  system: <BellOutlined />,
};

const GROUP_COLOUR: Record<KindGroup, string> = {
  task: 'blue',
  request: 'purple',
  control: 'orange',
  approval: 'cyan',
  announcement: 'green',
  security: 'red',
  system: 'default',
};

/** One notice: an unread dot, its kind, title, body, who did it and when. */
export function NotificationItem({
  notification: n,
  compact = false,
  extra,
}: {
  notification: Notification;
  compact?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const group = kindGroup(n.kind);
  const unread = n.readAt === null;
  return (
    <Flex
      gap={12}
      align="flex-start"
      className="lia-notice"
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
    >
      <span className={`lia-notice-icon lia-notice-icon-${group}`}>{GROUP_ICON[group]}</span>
      <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={8} align="center" justify="space-between">
          <Typography.Text strong={unread} ellipsis style={{ minWidth: 0 }} data-testid="notification-title">
            {n.title}
          </Typography.Text>
          {unread && <Badge status="processing" />}
        </Flex>
        {n.body && (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: compact ? 1 : 2 }}
            style={{ margin: 0, fontSize: 13 }}
          >
            {n.body}
          </Typography.Paragraph>
        )}
        <Flex gap={8} align="center" wrap>
          <Tag color={GROUP_COLOUR[group]} style={{ marginInlineEnd: 0 }}>
            {t(`notifications.kinds.${n.kind}`)}
          </Tag>
          {n.actorName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.actorName}
            </Typography.Text>
          )}
          <Tooltip title={formatDateTime(n.createdAt)}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fromNow(n.createdAt)}
            </Typography.Text>
          </Tooltip>
          {extra}
        </Flex>
      </Flex>
    </Flex>
  );
}
