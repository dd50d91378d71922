import type { Channel, Message, TaskSource } from '@liaison/contracts';

/** The limits of CreateTaskRequest (title, description) and TaskSource (label). */
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 10_000;
const LABEL_MAX = 200;

/** What 转为任务 puts into the task drawer. */
export interface MessageTaskDraft {
  title: string;
  description: string;
  source: TaskSource;
}

/** At most `max` UTF-16 units (what the server counts), without splitting a surrogate pair. */
export function clip(text: string, max: number, ellipsis = ''): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - ellipsis.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ellipsis;
}

/**
 * The first line with text, without a leading Markdown heading, quote or list mark; a message of
 * files alone is named after its first file.
 */
export function taskTitleFrom(message: Pick<Message, 'body' | 'attachments'>): string {
  const line = message.body
    .split('\n')
    .map((l) => l.replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)*/, '').trim())
    .find((l) => l !== '');
  return clip(line ?? message.attachments[0]?.fileName ?? '', TITLE_MAX).trim();
}

/** "#市场部-日常工作群 · 陈静"; a direct conversation has no # (its name is the other people's). */
export function taskSourceLabel(channel: Pick<Channel, 'kind' | 'name'>, author: string): string {
  const place = channel.kind === 'direct' ? channel.name : `#${channel.name}`;
  return clip(`${place} · ${author}`, LABEL_MAX, '…');
}

/**
 * A new task from a message: its first line as the title, the whole text and a line saying who
 * wrote it when (`byline`) as the description, and the message as the source.
 */
export function messageTaskDraft(
  message: Pick<Message, 'id' | 'channelId' | 'body' | 'attachments'>,
  channel: Pick<Channel, 'kind' | 'name'>,
  author: string,
  byline: string,
): MessageTaskDraft {
  const room = DESCRIPTION_MAX - byline.length - 2;
  const body = clip(message.body.trim(), Math.max(room, 0), '…');
  return {
    title: taskTitleFrom(message),
    description: body ? `${body}\n\n${byline}` : byline,
    source: {
      type: 'message',
      id: message.id,
      channelId: message.channelId,
      label: taskSourceLabel(channel, author),
    },
  };
}
