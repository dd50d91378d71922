import type { Attachment, PolicyRefusal } from '@liaison/contracts';
import { useSyncExternalStore } from 'react';

/** One conversation's composer: a channel's main box, or one thread's reply box. */
export function draftKey(channelId: string, threadId: string | null): string {
  return `${channelId}:${threadId ?? ''}`;
}

/** Unsent text per conversation, so switching channels does not lose a half-written message. */
const texts = new Map<string, string>();

export function draftText(key: string): string {
  return texts.get(key) ?? '';
}

export function saveDraftText(key: string, text: string): void {
  if (text) texts.set(key, text);
  else texts.delete(key);
}

/**
 * A message that came back to its composer unsent: a policy refused it (`refusal` says which
 * rules), or the sender cancelled at the policy's warning. Its text and files go back into the box.
 */
export interface ReturnedDraft {
  body: string;
  attachments: Attachment[];
  refusal: PolicyRefusal | null;
}

const returned = new Map<string, ReturnedDraft>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hands a message back to its composer, now if it is open, or when it next opens. */
export function returnDraft(key: string, draft: ReturnedDraft): void {
  const earlier = returned.get(key);
  returned.set(
    key,
    earlier
      ? {
          body: mergeText(earlier.body, draft.body),
          attachments: [...earlier.attachments, ...draft.attachments],
          refusal: draft.refusal ?? earlier.refusal,
        }
      : draft,
  );
  notify();
}

/** The composer takes what came back (once). */
export function takeReturned(key: string): ReturnedDraft | undefined {
  const draft = returned.get(key);
  if (draft) {
    returned.delete(key);
    notify();
  }
  return draft;
}

export function useReturned(key: string): ReturnedDraft | undefined {
  return useSyncExternalStore(subscribe, () => returned.get(key));
}

/**
 * The returned text goes before whatever the sender has typed since (usually nothing: sending
 * emptied the box), so nothing they wrote is lost.
 */
export function mergeText(returnedText: string, current: string): string {
  if (!current.trim()) return returnedText;
  if (!returnedText.trim()) return current;
  return `${returnedText}\n${current}`;
}
