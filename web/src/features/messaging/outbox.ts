import type { Attachment, HeldMessage, Message, PolicyRefusal } from '@liaison/contracts';
import { useSyncExternalStore } from 'react';
import { isApiError } from '../../api/client.ts';
import { postMessage } from '../../api/messages.ts';
import { errorText } from '../../app/errors.ts';
import i18n from '../../app/i18n/index.ts';
import { toRefusal } from '../../shared/controlText.ts';
import { randomId } from '../../shared/randomId.ts';
import { draftKey, returnDraft } from './drafts.ts';

/**
 * A message on its way: shown greyed until the server has it, red with a retry when it failed, or
 * waiting for the sender's decision when a communication policy asks them to confirm it.
 */
export interface PendingMessage {
  localId: string;
  /** Sent with every attempt, so a retry after a lost answer does not post twice. */
  clientId: string;
  channelId: string;
  threadId: string | null;
  body: string;
  attachments: Attachment[];
  /** `confirm`: a `warn` policy matched; nothing is stored until the sender confirms or cancels. */
  status: 'sending' | 'failed' | 'confirm';
  error: string | null;
  /** For `confirm`: the rules that matched and whether a reason is required. */
  refusal: PolicyRefusal | null;
  /** Once the sender confirmed: sent with every later attempt (retries included). */
  confirmed: { justification: string } | null;
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

interface OutboxHandlers {
  /** The server stored the message: it goes into the lists. */
  sent: (message: Message) => void;
  /** A policy held it for review: it shows as the sender's held message. */
  held: (held: HeldMessage) => void;
}

let handlers: OutboxHandlers = { sent: () => {}, held: () => {} };

/** The chat screen says where a sent or held message goes (into the query cache). */
export function setOutboxHandlers(next: OutboxHandlers): void {
  handlers = next;
}

function remove(localId: string): void {
  set(entries.filter((e) => e.localId !== localId));
}

/** Back into its composer, text and files, e.g. so the sender can take the sensitive part out. */
function giveBack(entry: PendingMessage, refusal: PolicyRefusal | null): void {
  remove(entry.localId);
  returnDraft(draftKey(entry.channelId, entry.threadId), {
    body: entry.body,
    attachments: entry.attachments,
    refusal,
  });
}

async function attempt(entry: PendingMessage): Promise<void> {
  update(entry.localId, { status: 'sending', error: null });
  try {
    const outcome = await postMessage(entry.channelId, {
      body: entry.body,
      threadId: entry.threadId ?? undefined,
      attachmentIds: entry.attachments.length > 0 ? entry.attachments.map((a) => a.id) : undefined,
      clientId: entry.clientId,
      ...(entry.confirmed
        ? { confirm: true, justification: entry.confirmed.justification || undefined }
        : {}),
    });
    // Into the list first, then out of the outbox, so the message never blinks away.
    if (outcome.kind === 'held') handlers.held(outcome.held);
    else handlers.sent(outcome.message);
    remove(entry.localId);
  } catch (error) {
    if (isApiError(error, 'policy_confirmation_required')) {
      // Not a failure: nothing was stored, and the same post (same client id) goes once confirmed.
      update(entry.localId, {
        status: 'confirm',
        refusal: toRefusal(error.details, 'warn'),
        confirmed: null,
      });
      return;
    }
    if (isApiError(error, 'policy_blocked')) {
      giveBack(entry, toRefusal(error.details, 'block'));
      return;
    }
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
    refusal: null,
    confirmed: null,
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
  remove(localId);
}

/** The sender goes ahead after a policy warning: the same post again, confirmed (with a reason). */
export function confirmMessage(localId: string, justification: string): void {
  const entry = entries.find((e) => e.localId === localId);
  if (entry?.status !== 'confirm') return;
  const confirmed = { ...entry, confirmed: { justification: justification.trim() }, refusal: null };
  update(localId, { confirmed: confirmed.confirmed, refusal: null });
  void attempt(confirmed);
}

/** The sender does not send it after all: the text and files go back into the composer. */
export function cancelMessage(localId: string): void {
  const entry = entries.find((e) => e.localId === localId);
  if (entry && entry.status === 'confirm') giveBack(entry, null);
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
  return pending.filter((p) => p.status !== 'sending' || !recentMine.some((m) => sameContent(m, p)));
}

/** Same text and same files (a message of files alone has an empty body). */
function sameContent(message: Message, pending: PendingMessage): boolean {
  if (message.body !== pending.body) return false;
  if (message.attachments.length !== pending.attachments.length) return false;
  return pending.attachments.every((a) => message.attachments.some((b) => b.id === a.id));
}
