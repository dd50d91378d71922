import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../app/format.ts';

/** 2026/11/21 22:00 – 23:00, or 2026/11/20 23:00 – 00:00（次日） across midnight. */
export function alertWindow(t: TFunction, start: string, end: string): string {
  const to = dayjs(end);
  const sameDay = dayjs(start).isSame(to, 'day');
  return `${formatDateTime(start)} – ${to.format('LT')}${sameDay ? '' : t('control.alert.nextDay')}`;
}

/** What the person's own history expects: an average, so 0.25 → "0.3"; nothing at all says so. */
export function baselineText(t: TFunction, value: number): string {
  if (value === 0) return t('control.alert.baselineNone');
  return t('control.alert.baseline', { value: Number.isInteger(value) ? String(value) : value.toFixed(1) });
}
