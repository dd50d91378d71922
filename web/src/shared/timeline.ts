import type { Message } from '@liaison/contracts';
import dayjs, { type Dayjs } from 'dayjs';

/** How a calendar day is named above its messages; formats are dayjs patterns from the i18n files. */
export interface DayLabels {
  today: string;
  yesterday: string;
  /** e.g. 'M月D日 dddd' → 11月20日 星期五 */
  sameYear: string;
  /** e.g. 'YYYY年M月D日 dddd' */
  otherYear: string;
  /** dayjs locale of the formats ('zh-cn' | 'en') so weekday names match the language. */
  locale: string;
}

/** 今天 / 昨天 / 11月20日 星期五 / 2025年11月20日 星期四, in the browser's time zone. */
export function dayLabel(value: string | Date | Dayjs, now: Dayjs, labels: DayLabels): string {
  const day = dayjs(value).startOf('day');
  const today = now.startOf('day');
  if (day.isSame(today)) return labels.today;
  if (day.isSame(today.subtract(1, 'day'))) return labels.yesterday;
  const format = day.year() === today.year() ? labels.sameYear : labels.otherYear;
  return day.locale(labels.locale).format(format);
}

export type TimelineRow =
  | { kind: 'day'; key: string; label: string }
  | {
      kind: 'message';
      key: string;
      message: Message;
      /** Same author as the row above, shortly after it: shown without avatar and name. */
      continued: boolean;
    };

/** Messages of one author within this many minutes of each other form one visual group. */
export const GROUP_MINUTES = 5;

/**
 * Turns an ascending list of messages into rows with a separator before each new day and with
 * consecutive messages from one author grouped, the way chat apps lay out a conversation.
 */
export function buildTimeline(messages: readonly Message[], now: Dayjs, labels: DayLabels): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: Message | null = null;
  for (const message of messages) {
    const at = dayjs(message.createdAt);
    const dayKey = at.format('YYYY-MM-DD');
    const newDay = !previous || dayjs(previous.createdAt).format('YYYY-MM-DD') !== dayKey;
    if (newDay) rows.push({ kind: 'day', key: `day-${dayKey}`, label: dayLabel(at, now, labels) });
    const continued =
      !newDay &&
      previous !== null &&
      previous.author?.id === message.author?.id &&
      message.author !== null &&
      !previous.deletedAt &&
      !message.deletedAt &&
      previous.replyCount === 0 &&
      at.diff(dayjs(previous.createdAt), 'minute', true) < GROUP_MINUTES;
    rows.push({ kind: 'message', key: message.id, message, continued });
    previous = message;
  }
  return rows;
}

/** Messages sorted by seq with duplicates (the same id from a page and a live event) removed. */
export function uniqueBySeq(messages: Iterable<Message>): Message[] {
  const byId = new Map<string, Message>();
  for (const message of messages) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The list's short time: 14:05 today, 昨天 yesterday, 11/20 this year, 2025/11/20 before. */
export function shortTime(value: string | null, now: Dayjs, yesterday: string): string {
  if (!value) return '';
  const at = dayjs(value);
  if (at.isSame(now, 'day')) return at.format('HH:mm');
  if (at.isSame(now.subtract(1, 'day'), 'day')) return yesterday;
  if (at.isSame(now, 'year')) return at.format('MM/DD');
  return at.format('YYYY/MM/DD');
}

/** 1.2 MB, 340 KB, 12 B. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10 * 1024 ? 1 : 0)} KB`;
  if (size < 1024 * 1024 * 1024) return `${(size / 1024 / 1024).toFixed(1)} MB`;
  return `${(size / 1024 / 1024 / 1024).toFixed(1)} GB`;
}
