import { EyeInvisibleOutlined } from '@ant-design/icons';
import type { Message } from '@liaison/contracts';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Attachments } from '../../components/Attachments.tsx';
import { useChat } from './ChatContext.ts';
import { renderMarkdown } from './markdown.ts';

/** The rendered Markdown of a message (safe HTML, see markdown.ts), its files, or its deletion note. */
export const MessageBody = memo(function MessageBody({ message }: { message: Message }) {
  const { t } = useTranslation();
  const { mentionTargets } = useChat();
  const html = useMemo(
    () =>
      message.deletedAt
        ? ''
        : renderMarkdown(message.body, { people: mentionTargets, channelMention: message.mentionsChannel }),
    [message.body, message.deletedAt, message.mentionsChannel, mentionTargets],
  );
  if (message.deletedAt) {
    return (
      <div className="lia-deleted" data-testid="message-deleted">
        {message.deletedReason
          ? t('messaging.message.moderated', { reason: message.deletedReason })
          : t('messaging.message.recalled')}
      </div>
    );
  }
  return (
    <>
      {/* A message of files alone has no text. */}
      {message.body && (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html:false, safe links only; tested in markdown.test.ts
        <div className="lia-md" data-testid="message-body" dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {message.redacted && (
        <div className="lia-redacted-note" data-testid="message-redacted">
          <EyeInvisibleOutlined /> {t('messaging.control.redactedNote')}
        </div>
      )}
      <Attachments attachments={message.attachments} />
    </>
  );
});
