import {
  CarryOutOutlined,
  CommentOutlined,
  CopyOutlined,
  DeleteOutlined,
  EditOutlined,
  EllipsisOutlined,
  HistoryOutlined,
  PushpinFilled,
  PushpinOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import type { Message } from '@liaison/contracts';
import type { MenuProps } from 'antd';
import { App, Button, Dropdown, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChat } from './ChatContext.ts';
import { type MessagePlace, messageRights } from './messageRules.ts';
import { useMessageActions } from './useMessageActions.ts';

/**
 * The hover toolbar: 回复 / 编辑 / 撤回 / 置顶 / 复制, and under "more" 转为任务, moderation and the
 * history.
 */
export function MessageActions({
  message,
  place,
  onEdit,
  onModerate,
  onHistory,
}: {
  message: Message;
  place: MessagePlace;
  onEdit: () => void;
  onModerate: () => void;
  onHistory: () => void;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { channel, meId, auditor, openThread, toTask } = useChat();
  const actions = useMessageActions();
  const [menuOpen, setMenuOpen] = useState(false);
  const rights = messageRights(channel, message, meId, place);

  const buttons = [
    rights.reply
      ? {
          key: 'reply',
          icon: <CommentOutlined />,
          label: t('messaging.message.reply'),
          run: () => openThread(message),
        }
      : null,
    rights.edit
      ? { key: 'edit', icon: <EditOutlined />, label: t('messaging.message.edit'), run: onEdit }
      : null,
    rights.recall
      ? {
          key: 'recall',
          icon: <RollbackOutlined />,
          label: t('messaging.message.recall'),
          run: () =>
            modal.confirm({
              title: t('messaging.message.recallConfirm'),
              okButtonProps: { danger: true },
              onOk: () => actions.recall.mutateAsync(message),
            }),
        }
      : null,
    rights.pin
      ? {
          key: 'pin',
          icon: message.pinnedAt ? <PushpinFilled /> : <PushpinOutlined />,
          label: message.pinnedAt ? t('messaging.message.unpin') : t('messaging.message.pin'),
          run: () => actions.pin.mutate(message),
        }
      : null,
    rights.copy
      ? {
          key: 'copy',
          icon: <CopyOutlined />,
          label: t('messaging.message.copy'),
          run: () => void actions.copy(message),
        }
      : null,
  ].filter((b) => b !== null);

  // Any message one can read becomes a task (the server checks the reader may read it).
  const more: NonNullable<MenuProps['items']> = [
    ...(toTask && !message.deletedAt
      ? [{ key: 'task', icon: <CarryOutOutlined />, label: t('messaging.toTask.action') }]
      : []),
    ...(rights.moderate
      ? [{ key: 'moderate', icon: <DeleteOutlined />, danger: true, label: t('messaging.message.moderate') }]
      : []),
    ...(auditor
      ? [{ key: 'history', icon: <HistoryOutlined />, label: t('messaging.message.history') }]
      : []),
  ];
  if (buttons.length === 0 && more.length === 0) return null;

  return (
    <div
      className={`lia-msg-actions${menuOpen ? ' lia-msg-actions-open' : ''}`}
      data-testid="message-actions"
    >
      {buttons.map((button) => (
        <Tooltip key={button.key} title={button.label} mouseEnterDelay={0.4}>
          <Button
            type="text"
            size="small"
            icon={button.icon}
            aria-label={button.label}
            onClick={button.run}
            data-testid={`message-action-${button.key}`}
          />
        </Tooltip>
      ))}
      {more.length > 0 && (
        <Dropdown
          trigger={['click']}
          onOpenChange={setMenuOpen}
          menu={{
            items: more,
            onClick: ({ key }) => {
              if (key === 'task') toTask?.(message);
              else if (key === 'moderate') onModerate();
              else onHistory();
            },
          }}
        >
          <Button
            type="text"
            size="small"
            icon={<EllipsisOutlined />}
            aria-label={t('messaging.message.more')}
            data-testid="message-action-more"
          />
        </Dropdown>
      )}
    </div>
  );
}
