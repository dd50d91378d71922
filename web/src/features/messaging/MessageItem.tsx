import { CommentOutlined, PushpinFilled } from '@ant-design/icons';
import type { Message } from '@liaison/contracts';
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { UserAvatar } from '../../components/Avatars.tsx';
import { useChat } from './ChatContext.ts';
import { EditBox } from './EditBox.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageBody } from './MessageBody.tsx';
import type { MessagePlace } from './messageRules.ts';

/** 14:05 today, 11-20 14:05 before. */
function replyTime(value: string): string {
  const at = dayjs(value);
  return at.isSame(dayjs(), 'day') ? at.format('HH:mm') : at.format('MM-DD HH:mm');
}

/** One message: avatar and name (unless it continues the author's group), body, marks, thread link, actions. */
export const MessageItem = memo(function MessageItem({
  message,
  continued = false,
  place,
  onModerate,
  onHistory,
}: {
  message: Message;
  continued?: boolean;
  place: MessagePlace;
  onModerate: (message: Message) => void;
  onHistory: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const { meId, membersById, openThread, highlightSeq } = useChat();
  const [editing, setEditing] = useState(false);
  const author = message.author;
  const external = author ? membersById.get(author.id)?.kind === 'external' : false;
  const mentionsMe =
    author?.id !== meId && !message.deletedAt && (message.mentionsChannel || message.mentions.includes(meId));
  const time = dayjs(message.createdAt).format('HH:mm');
  const edited = message.editedAt && !message.deletedAt && (
    <Tooltip title={t('messaging.message.editedAt', { time: formatDateTime(message.editedAt) })}>
      <span className="lia-msg-edited" data-testid="message-edited">
        {t('messaging.message.edited')}
      </span>
    </Tooltip>
  );
  const classes = [
    'lia-msg',
    continued ? 'lia-msg-continued' : '',
    mentionsMe ? 'lia-msg-mentions-me' : '',
    highlightSeq === message.seq ? 'lia-msg-highlight' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={classes}
      id={`msg-${message.id}`}
      data-testid="message"
      data-seq={message.seq}
      data-message-id={message.id}
    >
      <div className="lia-msg-gutter">
        {continued ? (
          <Tooltip title={formatDateTime(message.createdAt)}>
            <span className="lia-msg-hover-time">{time}</span>
          </Tooltip>
        ) : (
          <UserAvatar user={author} />
        )}
      </div>
      <div className="lia-msg-main">
        {!continued && (
          <div className="lia-msg-head">
            <span className="lia-msg-author" data-testid="message-author">
              {author?.displayName ?? t('messaging.message.unknownAuthor')}
            </span>
            {external && (
              <Tag color="orange" variant="filled" style={{ marginInlineEnd: 0 }}>
                {t('messaging.info.externalTag')}
              </Tag>
            )}
            <Tooltip title={formatDateTime(message.createdAt)}>
              <span className="lia-msg-time">{time}</span>
            </Tooltip>
            {edited}
            {message.pinnedAt && (
              <Tooltip title={t('messaging.message.pinnedBy')}>
                <PushpinFilled className="lia-msg-pin" />
              </Tooltip>
            )}
          </div>
        )}
        {editing ? (
          <EditBox message={message} onDone={() => setEditing(false)} />
        ) : (
          <div className="lia-msg-content">
            <MessageBody message={message} />
            {continued && edited}
            {continued && message.pinnedAt && <PushpinFilled className="lia-msg-pin" />}
          </div>
        )}
        {place === 'timeline' && message.replyCount > 0 && (
          <button
            type="button"
            className="lia-thread-link"
            onClick={() => openThread(message)}
            data-testid="thread-link"
          >
            <CommentOutlined /> {t('messaging.message.replies', { count: message.replyCount })}
            {message.lastReplyAt && (
              <span className="lia-thread-last">
                {t('messaging.message.lastReply', { time: replyTime(message.lastReplyAt) })}
              </span>
            )}
          </button>
        )}
      </div>
      {!editing && (
        <MessageActions
          message={message}
          place={place}
          onEdit={() => setEditing(true)}
          onModerate={() => onModerate(message)}
          onHistory={() => onHistory(message)}
        />
      )}
    </div>
  );
});
