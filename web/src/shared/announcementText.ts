import type { Announcement, AnnouncementImportance, AnnouncementStatus } from '@liaison/contracts';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { translateDynamic } from '../components/labels.ts';

/** The categories every company starts with, by key, with the Chinese names they are stored under. */
const DEFAULT_CATEGORIES: Record<string, string> = {
  general: '一般信息',
  notice: '通知',
  event: '重要事件',
  policy: '制度发布',
};

/**
 * A category's name in the reader's language: the default ones are translated by key unless an
 * administrator renamed them, in which case their name wins (as with built-in roles).
 */
export function categoryName(t: TFunction, category: { key: string; name: string }): string {
  if (DEFAULT_CATEGORIES[category.key] !== category.name) return category.name;
  return translateDynamic(t, `announcements.defaultCategories.${category.key}`, category.name);
}

export const STATUS_COLOUR: Record<AnnouncementStatus, string> = {
  draft: 'default',
  in_approval: 'processing',
  returned: 'warning',
  scheduled: 'cyan',
  published: 'success',
  expired: 'default',
  withdrawn: 'error',
};

export const IMPORTANCE_COLOUR: Record<AnnouncementImportance, string> = {
  normal: 'default',
  important: 'orange',
  major: 'red',
};

/** The date a reader goes by: when it was published, else when it takes effect. */
export function announcementDate(a: Pick<Announcement, 'publishedAt' | 'effectiveAt'>): string {
  return a.publishedAt ?? a.effectiveAt;
}

/** The reader still owes an acknowledgement (the feed's 需确认 badge). */
export function needsAck(a: Pick<Announcement, 'requiresAck' | 'me'>): boolean {
  return a.requiresAck && a.me.recipient && a.me.ackedAt === null;
}

/** The acknowledgement deadline has passed and the reader has not acknowledged. */
export function ackOverdue(a: Pick<Announcement, 'requiresAck' | 'me' | 'ackDeadline'>, now: Date): boolean {
  return needsAck(a) && a.ackDeadline !== null && new Date(a.ackDeadline).getTime() < now.getTime();
}

/** 0.953 → 95.3 (one decimal), for Progress and labels. */
export function percentOf(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

/** part ÷ whole as a rate, or null when there is no whole. */
export function rateOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Green at or above the target, orange within ten points of it, red below. */
export function rateColour(rate: number, target = 0.95): string {
  if (rate >= target) return '#52c41a';
  if (rate >= target - 0.1) return '#faad14';
  return '#ff4d4f';
}

/** The last `count` months up to and including `now`'s, as the KPI query wants them (YYYY-MM). */
export function lastMonths(now: Date, count: number): { from: string; to: string; months: string[] } {
  const end = dayjs(now).startOf('month');
  const months = Array.from({ length: count }, (_, i) =>
    end.subtract(count - 1 - i, 'month').format('YYYY-MM'),
  );
  return { from: months[0]!, to: months[months.length - 1]!, months };
}

/** 2026-06 → 6月 / Jun: the short label under a bar. */
export function monthLabel(month: string, language: string): string {
  const date = dayjs(`${month}-01`);
  return language.startsWith('zh') ? `${date.month() + 1}月` : date.format('MMM');
}
