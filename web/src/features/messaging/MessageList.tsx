import { ArrowDownOutlined } from '@ant-design/icons';
import type { Message } from '@liaison/contracts';
import { Button, Result, Spin } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTimeline, type DayLabels } from '../../shared/timeline.ts';
import { useChat } from './ChatContext.ts';
import { HeldItem } from './HeldItem.tsx';
import { useHeld } from './held.ts';
import { MessageItem } from './MessageItem.tsx';
import { notYetDelivered, usePending } from './outbox.ts';
import { PendingItem } from './PendingItem.tsx';
import { useTimeline } from './queries.ts';
import { flattenTimeline } from './timelineCache.ts';

/** Within this many pixels of an edge counts as "at" it. */
const EDGE = 240;

export function useDayLabels(): DayLabels {
  const { t } = useTranslation();
  return {
    today: t('messaging.day.today'),
    yesterday: t('messaging.day.yesterday'),
    sameYear: t('messaging.day.sameYear'),
    otherYear: t('messaging.day.otherYear'),
    locale: t('messaging.day.dayjsLocale'),
  };
}

/**
 * The conversation: grows upwards as one scrolls back (before-cursor pages), stays pinned to the
 * bottom while one is there, keeps its place when older messages are added above, and for a deep
 * link opens around the target message and loads forward from it.
 */
export function MessageList({
  anchor,
  onJumpLatest,
  onModerate,
  onHistory,
}: {
  anchor: number | null;
  onJumpLatest: () => void;
  onModerate: (message: Message) => void;
  onHistory: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const { channel, meId } = useChat();
  const timeline = useTimeline(channel.id, anchor);
  const pending = usePending(channel.id, null);
  const labels = useDayLabels();
  const messages = useMemo(() => flattenTimeline(timeline.data), [timeline.data]);
  const rows = useMemo(() => buildTimeline(messages, dayjs(), labels), [messages, labels]);

  const visiblePending = useMemo(() => notYetDelivered(pending, messages, meId), [pending, messages, meId]);
  // The reader's messages a policy held for review (or rejected) sit below the timeline with the pending.
  const held = useHeld(channel.id, null, channel.isMember);
  const ownTail = visiblePending.length + held.length;

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(anchor === null);
  const lastHeight = useRef(0);
  const lastFirstId = useRef<string | null>(null);
  const lastLastId = useRef<string | null>(null);
  const lastOwnTail = useRef(0);
  const lastPageCount = useRef(0);
  const positioned = useRef(false);
  const [showJump, setShowJump] = useState(false);
  const [unseen, setUnseen] = useState(0);

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(0);
    setShowJump(false);
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || messages.length === 0) {
      if (el) lastHeight.current = el.scrollHeight;
      return;
    }
    const firstId = messages[0]!.id;
    const lastId = messages.at(-1)!.id;
    const pageCount = timeline.data?.pages.length ?? 0;
    // A page fetched forward is not "new": only live messages (same pages, one more item) are.
    const livePush = pageCount === lastPageCount.current;
    if (!positioned.current) {
      // First paint: the bottom, or the deep-linked message in the middle of the view.
      const target = anchor !== null ? el.querySelector<HTMLElement>(`[data-seq="${anchor}"]`) : null;
      if (target) {
        el.scrollTop = target.offsetTop - el.clientHeight / 2 + target.offsetHeight / 2;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      } else el.scrollTop = el.scrollHeight;
      positioned.current = true;
    } else if (
      lastFirstId.current !== null &&
      firstId !== lastFirstId.current &&
      lastId === lastLastId.current
    ) {
      // Older messages came in above: keep what the reader was looking at where it was.
      el.scrollTop += el.scrollHeight - lastHeight.current;
    } else if (lastId !== lastLastId.current || ownTail !== lastOwnTail.current) {
      const mineNow = ownTail > lastOwnTail.current;
      if ((atBottom.current && livePush) || mineNow) el.scrollTop = el.scrollHeight;
      else if (lastId !== lastLastId.current && livePush) setUnseen((n) => n + 1);
    }
    lastFirstId.current = firstId;
    lastLastId.current = lastId;
    lastOwnTail.current = ownTail;
    lastPageCount.current = pageCount;
    lastHeight.current = el.scrollHeight;
  }, [messages, ownTail, anchor, timeline.data?.pages.length]);

  const {
    hasPreviousPage,
    isFetchingPreviousPage,
    fetchPreviousPage,
    hasNextPage,
    isFetchingNextPage,
    fetchNextPage,
  } = timeline;

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    atBottom.current = fromBottom < 80 && !hasNextPage;
    if (atBottom.current) setUnseen(0);
    setShowJump(fromBottom > 600 || !!hasNextPage);
    if (el.scrollTop < EDGE && hasPreviousPage && !isFetchingPreviousPage) void fetchPreviousPage();
    if (fromBottom < EDGE && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [
    hasPreviousPage,
    isFetchingPreviousPage,
    fetchPreviousPage,
    hasNextPage,
    isFetchingNextPage,
    fetchNextPage,
  ]);

  // A short first page that does not fill the view cannot be scrolled: keep loading until it does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the list grows
  useEffect(() => {
    const el = scroller.current;
    if (!el || !timeline.isSuccess) return;
    if (el.scrollHeight <= el.clientHeight + EDGE) {
      if (hasPreviousPage && !isFetchingPreviousPage) void fetchPreviousPage();
      else if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    }
  }, [
    timeline.isSuccess,
    messages.length,
    hasPreviousPage,
    isFetchingPreviousPage,
    fetchPreviousPage,
    hasNextPage,
    isFetchingNextPage,
    fetchNextPage,
  ]);

  if (timeline.isError) {
    return (
      <div className="lia-list-state">
        <Result
          status="warning"
          title={t('messaging.channel.loadError')}
          extra={<Button onClick={() => void timeline.refetch()}>{t('messaging.channel.retry')}</Button>}
        />
      </div>
    );
  }

  return (
    <div className="lia-list-wrap">
      <div
        className="lia-list"
        ref={scroller}
        onScroll={onScroll}
        onLoadCapture={() => {
          if (atBottom.current) scrollToBottom();
        }}
        data-testid="message-list"
      >
        {timeline.isLoading && (
          <div className="lia-list-state">
            <Spin />
          </div>
        )}
        {timeline.isSuccess && !hasPreviousPage && (
          <div className="lia-list-start" data-testid="list-beginning">
            {t('messaging.channel.beginning')}
          </div>
        )}
        {isFetchingPreviousPage && (
          <div className="lia-list-start">
            <Spin size="small" /> {t('messaging.channel.loadingOlder')}
          </div>
        )}
        {rows.map((row) =>
          row.kind === 'day' ? (
            <div key={row.key} className="lia-day" data-testid="day-separator">
              <span>{row.label}</span>
            </div>
          ) : (
            <MessageItem
              key={row.key}
              message={row.message}
              continued={row.continued}
              place="timeline"
              onModerate={onModerate}
              onHistory={onHistory}
            />
          ),
        )}
        {isFetchingNextPage && (
          <div className="lia-list-start">
            <Spin size="small" />
          </div>
        )}
        {!hasNextPage && held.map((entry) => <HeldItem key={entry.id} held={entry} />)}
        {!hasNextPage && visiblePending.map((entry) => <PendingItem key={entry.localId} entry={entry} />)}
      </div>
      {(showJump || unseen > 0) && (
        <Button
          className="lia-jump"
          shape="round"
          icon={<ArrowDownOutlined />}
          onClick={() => (hasNextPage || anchor !== null ? onJumpLatest() : scrollToBottom())}
          data-testid="jump-latest"
        >
          {unseen > 0
            ? t('messaging.channel.newBelow', { count: unseen })
            : t('messaging.channel.jumpLatest')}
        </Button>
      )}
    </div>
  );
}
