import { describe, expect, it } from 'vitest';
import { fromWallClock, nextOccurrence, wallClock } from './schedule.ts';

describe('recurrence in the organisation time zone', () => {
  it('finds the next daily run in Shanghai time', () => {
    const rule = { every: 'day', hour: 2, minute: 30 } as const;
    expect(nextOccurrence(rule, new Date('2026-11-21T10:00:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-21T18:30:00.000Z',
    );
    expect(nextOccurrence(rule, new Date('2026-11-21T18:30:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-22T18:30:00.000Z',
    );
  });

  it('finds the next monthly run, across a year end', () => {
    const rule = { every: 'month', day: 1, hour: 3, minute: 0 } as const;
    expect(nextOccurrence(rule, new Date('2026-12-15T00:00:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-31T19:00:00.000Z',
    );
  });

  it('runs every N minutes on the multiples of N, strictly after the instant', () => {
    const rule = { every: 'minutes', interval: 10 } as const;
    expect(nextOccurrence(rule, new Date('2026-11-21T10:03:20Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-21T10:10:00.000Z',
    );
    expect(nextOccurrence(rule, new Date('2026-11-21T10:10:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-21T10:20:00.000Z',
    );
  });

  it('converts wall-clock times in zones with daylight saving', () => {
    const at = fromWallClock(
      { year: 2026, month: 7, day: 1, hour: 9, minute: 0, second: 0 },
      'Europe/Berlin',
    );
    expect(at.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(wallClock(at, 'Europe/Berlin')).toMatchObject({ hour: 9, day: 1, month: 7 });
  });
});
