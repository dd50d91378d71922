import type { Attachment, Message } from '@liaison/contracts';
import { useSyncExternalStore } from 'react';
import { isApiError } from '../../api/client.ts';
import { postMessage } from '../../api/messages.ts';
import { errorText } from '../../app/errors.ts';
import i18n from '../../app/i18n/index.ts';

/** A message on its way: shown greyed until the server has it, or red with a retry when it failed. */
export interface PendingMessage {
  localId: string;
  /** Sent with every attempt, so a retry after a lost answer does not post twice. */
  clientId: string;
  channelId: string;
  threadId: string | null;
  body: string;
  attachments: Attachment[];
  status: 'sending' | 'failed';
  error: string | null;
  createdAt: string;
}

let entries: readonly PendingMessage[] = [];
const listeners = new Set<() => void>();

function set(next: readonly PendingMessage[]): void {
  entries = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(localId: string, patch: Partial<PendingMessage>): void {
  set(entries.map((entry) => (entry.localId === localId ? { ...entry, ...patch } : entry)));
}

export function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

let onSent: (message: Message) => void = () => {};

/** The chat screen says where a sent message goes (into the query cache). */
export function setSentHandler(handler: (message: Message) => void): void {
  onSent = handler;
}

async function attempt(entry: PendingMessage): Promise<void> {
  update(entry.localId, { status: 'sending', error: null });
  try {
    const message = await postMessage(entry.channelId, {
      body: entry.body,
      threadId: entry.threadId ?? undefined,
      attachmentIds: entry.attachments.length > 0 ? entry.attachments.map((a) => a.id) : undefined,
      clientId: entry.clientId,
    });
    // Into the list first, then out of the outbox, so the message never blinks away.
    onSent(message);
    set(entries.filter((e) => e.localId !== entry.localId));
  } catch (error) {
    // 409: the channel was archived while the message was on its way.
    const text = isApiError(error, 'conflict')
      ? i18n.t('messaging.channel.archivedNotice')
      : errorText(error);
    update(entry.localId, { status: 'failed', error: text });
  }
}

export function sendMessage(input: {
  channelId: string;
  threadId: string | null;
  body: string;
  attachments: Attachment[];
}): void {
  const entry: PendingMessage = {
    ...input,
    localId: randomId(),
    clientId: randomId(),
    status: 'sending',
    error: null,
    createdAt: new Date().toISOString(),
  };
  set([...entries, entry]);
  void attempt(entry);
}

export function retryMessage(localId: string): void {
  const entry = entries.find((e) => e.localId === localId);
  if (entry && entry.status === 'failed') void attempt(entry);
}

export function discardMessage(localId: string): void {
  set(entries.filter((e) => e.localId !== localId));
}

/** The pending messages of one channel's main list, or of one thread. */
export function usePending(channelId: string, threadId: string | null): PendingMessage[] {
  const all = useSyncExternalStore(subscribe, () => entries);
  return all.filter((e) => e.channelId === channelId && e.threadId === threadId);
}

/**
 * The pending messages still to show: one the server already delivered (its live event beat the
 * POST answer) would otherwise appear twice for a moment.
 */
export function notYetDelivered(
  pending: readonly PendingMessage[],
  loaded: readonly Message[],
  meId: string,
): PendingMessage[] {
  const recentMine = loaded.slice(-20).filter((m) => m.author?.id === meId);
  return pending.filter((p) => p.status === 'failed' || !recentMine.some((m) => sameContent(m, p)));
}

/** Same text and same files (a message of files alone has an empty body). */
function sameContent(message: Message, pending: PendingMessage): boolean {
  if (message.body !== pending.body) return false;
  if (message.attachments.length !== pending.attachments.length) return false;
  return pending.attachments.every((a) => message.attachments.some((b) => b.id === a.id));
}
