import { AimOutlined, PushpinFilled } from '@ant-design/icons';
import type { Message } from '@liaison/contracts';
import { Button, Empty, Spin, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useChat } from './ChatContext.ts';
import { MessageBody } from './MessageBody.tsx';
import { canPinIn } from './messageRules.ts';
import { usePinned } from './queries.ts';
import { useMessageActions } from './useMessageActions.ts';

/** The channel's pinned messages (置顶), newest pin first, each with a jump to its place. */
export function PinnedTab({ onJump }: { onJump: (message: Message) => void }) {
  const { t } = useTranslation();
  const { channel } = useChat();
  const pinned = usePinned(channel.id, true);
  const { pin } = useMessageActions();
  const canUnpin = canPinIn(channel);
  if (pinned.isLoading) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (!pinned.data?.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messaging.info.noPinned')} />;
  return (
    <div style={{ padding: '0 12px 16px' }} data-testid="pinned-list">
      {pinned.data.map((message) => (
        <div key={message.id} className="lia-pinned" data-testid="pinned-item">
          <div className="lia-pinned-head">
            <PushpinFilled className="lia-msg-pin" />
            <Typography.Text strong>{message.author?.displayName ?? '—'}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dayjs(message.createdAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
            <span style={{ flex: 1 }} />
            <Tooltip title={t('messaging.info.jump')}>
              <Button
                size="small"
                type="text"
                icon={<AimOutlined />}
                onClick={() => onJump(message)}
                aria-label={t('messaging.info.jump')}
              />
            </Tooltip>
            {canUnpin && (
              <Button size="small" type="link" onClick={() => pin.mutate(message)}>
                {t('messaging.message.unpin')}
              </Button>
            )}
          </div>
          <div className="lia-pinned-body">
            <MessageBody message={message} />
          </div>
        </div>
      ))}
    </div>
  );
}
