import type { Channel } from '@liaison/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { markChannelRead } from '../../api/channels.ts';
import { queryKeys } from '../../api/keys.ts';
import { applyRead } from './timelineCache.ts';

function attentive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/** Whether the page is in front of the user (tab shown and window focused). */
export function useAttentive(): boolean {
  const [value, setValue] = useState(attentive);
  useEffect(() => {
    const update = () => setValue(attentive());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return value;
}

/**
 * Marks the open channel read up to its newest message while the user is looking at it, so badges
 * clear here and (through read.updated) on their other devices. A background tab marks nothing.
 */
export function useMarkRead(channel: Channel | undefined): void {
  const queryClient = useQueryClient();
  const attending = useAttentive();
  const sent = useRef(new Map<string, number>());
  const channelId = channel?.id;
  // Thread replies share the channel's seq space and count as unread like any message; the open
  // channel shows them through its thread summaries, so "read" means up to the channel's newest seq.
  const target = channel?.lastMessageSeq ?? 0;
  const behind = !!channel && channel.isMember && channel.lastReadSeq < target;

  useEffect(() => {
    if (!channelId || !behind || !attending) return;
    if ((sent.current.get(channelId) ?? -1) >= target) return;
    // A burst of messages marks once, after it settles.
    const timer = setTimeout(() => {
      sent.current.set(channelId, target);
      markChannelRead(channelId, target).then(
        ({ lastReadSeq }) =>
          queryClient.setQueryData<{ items: Channel[] }>(queryKeys.channels.list, (data) =>
            data ? { items: applyRead(data.items, channelId, lastReadSeq) } : data,
          ),
        () => sent.current.delete(channelId),
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [channelId, behind, attending, target, queryClient]);
}
