import { PushpinFilled, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useChat } from './ChatContext.ts';
import { usePinned } from './queries.ts';

/** The newest pinned message under the header, like a group notice (群公告); opens the pinned list. */
export function PinnedBanner({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const { channel, mentionTargets } = useChat();
  const pinned = usePinned(channel.id, true);
  const latest = pinned.data?.[0];
  if (!latest) return null;
  // Plain text of the first line: the banner is a pointer, not a second copy of the message.
  const line = latest.body
    .split('\n')[0]!
    .replace(/@([a-z0-9][a-z0-9._-]{1,63})/g, (whole, name: string) => {
      const person = mentionTargets.get(name);
      return person ? `@${person.displayName}` : whole;
    })
    .replace(/[*_`>#~[\]]/g, '');
  // A message of files alone is shown by its file names.
  const text = line || latest.attachments.map((a) => a.fileName).join('、');
  return (
    <button type="button" className="lia-pinned-banner" onClick={onOpen} data-testid="pinned-banner">
      <PushpinFilled className="lia-msg-pin" />
      <span className="lia-pinned-banner-text">
        {latest.author ? `${latest.author.displayName}：` : ''}
        {text}
      </span>
      <span className="lia-pinned-banner-count">
        {t('messaging.channel.pinnedCount', { count: pinned.data!.length })}
      </span>
      <RightOutlined />
    </button>
  );
}
