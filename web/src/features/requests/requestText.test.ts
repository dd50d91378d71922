import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { durationText, remaining, requestNumber, responseState } from './requestText.ts';

const NOW = new Date('2026-10-09T02:00:00.000Z');
const t = ((key: string, values: Record<string, number>) =>
  `${key}:${JSON.stringify(values)}`) as unknown as TFunction;

describe('request deadlines', () => {
  it('counts the time left and the time late in days, hours and minutes', () => {
    expect(remaining('2026-10-10T05:30:00.000Z', NOW)).toEqual({
      late: false,
      days: 1,
      hours: 3,
      minutes: 30,
    });
    expect(remaining('2026-10-09T01:15:00.000Z', NOW)).toEqual({
      late: true,
      days: 0,
      hours: 0,
      minutes: 45,
    });
  });

  it('words the span by its largest unit', () => {
    expect(durationText(t, { late: false, days: 1, hours: 3, minutes: 30 })).toBe(
      'requests.due.days:{"days":1,"hours":3}',
    );
    expect(durationText(t, { late: true, days: 0, hours: 2, minutes: 5 })).toBe(
      'requests.due.hours:{"hours":2,"minutes":5}',
    );
    expect(durationText(t, { late: false, days: 0, hours: 0, minutes: 9 })).toBe(
      'requests.due.minutes:{"minutes":9}',
    );
  });

  it('tells waiting, late, answered in time, answered late and closed apart', () => {
    const base = { firstRespondedAt: null, respondedInTime: null, status: 'open' as const };
    expect(responseState({ ...base, responseDueAt: '2026-10-09T03:00:00.000Z' }, NOW)).toBe('waiting');
    expect(responseState({ ...base, responseDueAt: '2026-10-09T01:00:00.000Z' }, NOW)).toBe('late');
    expect(
      responseState(
        {
          ...base,
          firstRespondedAt: NOW.toISOString(),
          respondedInTime: true,
          responseDueAt: NOW.toISOString(),
        },
        NOW,
      ),
    ).toBe('inTime');
    expect(
      responseState(
        {
          ...base,
          firstRespondedAt: NOW.toISOString(),
          respondedInTime: false,
          responseDueAt: NOW.toISOString(),
        },
        NOW,
      ),
    ).toBe('answeredLate');
    expect(
      responseState({ ...base, status: 'withdrawn', responseDueAt: '2026-10-09T01:00:00.000Z' }, NOW),
    ).toBe('closed');
  });

  it('numbers requests R-n', () => {
    expect(requestNumber({ number: 12 })).toBe('R-12');
  });
});
