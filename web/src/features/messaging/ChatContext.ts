import type { Channel, ChannelMember, Message } from '@liaison/contracts';
import { createContext, useContext } from 'react';
import type { MentionTarget } from './markdown.ts';

/** What every message row of the open channel needs to know, without passing it down by hand. */
export interface ChatContextValue {
  channel: Channel;
  meId: string;
  /** Compliance officers: may read message histories. */
  auditor: boolean;
  members: readonly ChannelMember[];
  membersById: ReadonlyMap<string, ChannelMember>;
  /** For rendering @username mentions as names. */
  mentionTargets: ReadonlyMap<string, MentionTarget>;
  openThread: (root: Message) => void;
  /** 转为任务: opens the new-task drawer prefilled from a message; null without the `task.use` right. */
  toTask: ((message: Message) => void) | null;
  /** The seq a deep link or search result points at (a message or a reply), briefly highlighted. */
  highlightSeq: number | null;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error('useChat() outside a channel');
  return value;
}
