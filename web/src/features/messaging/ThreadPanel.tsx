import { CloseOutlined } from '@ant-design/icons';
import type { Message } from '@liaison/contracts';
import { Alert, Button, Divider, Empty, Spin } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useChat } from './ChatContext.ts';
import { Composer } from './Composer.tsx';
import { HeldItem } from './HeldItem.tsx';
import { useHeld } from './held.ts';
import { MessageItem } from './MessageItem.tsx';
import { notYetDelivered, usePending } from './outbox.ts';
import { PendingItem } from './PendingItem.tsx';
import { useMessage, useThread, useTimeline } from './queries.ts';
import { flattenTimeline } from './timelineCache.ts';

/** The right-hand thread: the message replied to, its replies, and a box to reply. */
export function ThreadPanel({
  rootId,
  anchor,
  openedRoot,
  onClose,
  onModerate,
  onHistory,
}: {
  rootId: string;
  /** The main timeline's deep-link anchor: the live copy of the root is looked up there. */
  anchor: number | null;
  /** The root as it was when opened from the list (absent for a deep link to a reply). */
  openedRoot: Message | null;
  onClose: () => void;
  onModerate: (message: Message) => void;
  onHistory: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const { channel, meId } = useChat();
  const thread = useThread(channel.id, rootId);
  // Same query as the main list, so reply counts and edits of the root show here live.
  const timeline = useTimeline(channel.id, anchor);
  const listed = useMemo(
    () => flattenTimeline(timeline.data).find((m) => m.id === rootId),
    [timeline.data, rootId],
  );
  // Not on screen (a search result or a link to a reply): fetched on its own once the list is loaded.
  const fetched = useMessage(channel.id, rootId, timeline.isSuccess && !listed && !openedRoot);
  const root = listed ?? fetched.data ?? openedRoot ?? undefined;
  const replies = useMemo(() => flattenTimeline(thread.data), [thread.data]);
  const allPending = usePending(channel.id, rootId);
  const pending = useMemo(() => notYetDelivered(allPending, replies, meId), [allPending, replies, meId]);
  const held = useHeld(channel.id, rootId, channel.isMember);
  const end = useRef<HTMLDivElement>(null);
  const canReply = channel.canPost && !root?.deletedAt;

  // New replies (and one's own) come in at the bottom: keep them in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the counts are the trigger, not inputs
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [replies.length, pending.length, held.length]);

  return (
    <aside className="lia-panel" data-testid="thread-panel">
      <header className="lia-panel-header">
        <span className="lia-panel-title">{t('messaging.thread.title')}</span>
        <span className="lia-panel-sub">{channel.name}</span>
        <Button
          type="text"
          icon={<CloseOutlined />}
          onClick={onClose}
          aria-label={t('common.close')}
          data-testid="thread-close"
        />
      </header>
      <div className="lia-panel-body">
        {root ? (
          <MessageItem message={root} place="root" onModerate={onModerate} onHistory={onHistory} />
        ) : fetched.isLoading || timeline.isLoading ? (
          <Spin style={{ display: 'block', margin: 24 }} />
        ) : (
          <Alert type="info" showIcon title={t('messaging.thread.rootMissing')} style={{ margin: 12 }} />
        )}
        <Divider plain titlePlacement="start" style={{ margin: '8px 0' }}>
          {t('messaging.thread.replies', { count: root?.replyCount ?? replies.length })}
        </Divider>
        {thread.hasPreviousPage && (
          <Button
            type="link"
            block
            loading={thread.isFetchingPreviousPage}
            onClick={() => void thread.fetchPreviousPage()}
          >
            {t('messaging.thread.loadEarlier')}
          </Button>
        )}
        {thread.isLoading && <Spin style={{ display: 'block', margin: 24 }} />}
        {thread.isSuccess && replies.length === 0 && pending.length === 0 && held.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messaging.thread.noReplies')} />
        )}
        <div data-testid="thread-replies">
          {replies.map((reply) => (
            <MessageItem
              key={reply.id}
              message={reply}
              place="reply"
              onModerate={onModerate}
              onHistory={onHistory}
            />
          ))}
          {held.map((entry) => (
            <HeldItem key={entry.id} held={entry} />
          ))}
          {pending.map((entry) => (
            <PendingItem key={entry.localId} entry={entry} />
          ))}
        </div>
        <div ref={end} />
      </div>
      {canReply && <Composer key={`${channel.id}-${rootId}`} threadId={rootId} />}
    </aside>
  );
}
