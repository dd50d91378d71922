import type { DeptRequest } from '@liaison/contracts';
import type { TFunction } from 'i18next';

/** R-12, the way people quote a request. */
export function requestNumber(request: Pick<DeptRequest, 'number'>): string {
  return `R-${request.number}`;
}

export interface Remaining {
  /** The deadline has passed. */
  late: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** How far a deadline is from now (or how far past it), in whole minutes, wall-clock. */
export function remaining(dueAt: string, now: Date): Remaining {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const total = Math.floor(Math.abs(ms) / 60_000);
  return {
    late: ms < 0,
    days: Math.floor(total / 1440),
    hours: Math.floor((total % 1440) / 60),
    minutes: total % 60,
  };
}

/** "2 天 3 小时" / "3 小时 5 分" / "12 分钟". */
export function durationText(t: TFunction, span: Remaining): string {
  if (span.days > 0) return t('requests.due.days', { days: span.days, hours: span.hours });
  if (span.hours > 0) return t('requests.due.hours', { hours: span.hours, minutes: span.minutes });
  return t('requests.due.minutes', { minutes: span.minutes });
}

export type ResponseState = 'waiting' | 'late' | 'inTime' | 'answeredLate' | 'closed';

/** Where a request stands against its first-response deadline. */
export function responseState(
  request: Pick<DeptRequest, 'firstRespondedAt' | 'respondedInTime' | 'status' | 'responseDueAt'>,
  now: Date,
): ResponseState {
  if (request.firstRespondedAt) return request.respondedInTime === false ? 'answeredLate' : 'inTime';
  if (request.status === 'withdrawn' || request.status === 'resolved') return 'closed';
  return new Date(request.responseDueAt).getTime() < now.getTime() ? 'late' : 'waiting';
}
