import { describe, expect, it } from 'vitest';
import { NO_FACTS, onTimeTally, timeliness, timelinessFact } from './timeliness.ts';

const DUE = '2026-12-03T10:00:00.000Z';
const BEFORE = '2026-12-02T10:00:00.000Z';
const AFTER = '2026-12-04T10:00:00.000Z';

describe('timeliness', () => {
  it('counts an item done by its deadline as on time, whenever we look', () => {
    expect(timeliness({ dueAt: DUE, doneAt: BEFORE }, BEFORE)).toBe('onTime');
    expect(timeliness({ dueAt: DUE, doneAt: BEFORE }, AFTER)).toBe('onTime');
    // The deadline's own instant is still in time.
    expect(timeliness({ dueAt: DUE, doneAt: DUE }, AFTER)).toBe('onTime');
  });

  it('counts an item done after its deadline as late', () => {
    expect(timelinessFact({ dueAt: DUE, doneAt: AFTER }, AFTER)).toBe('doneLate');
    expect(timeliness({ dueAt: DUE, doneAt: AFTER }, AFTER)).toBe('late');
  });

  it('leaves an item not done before its deadline out, as not yet due', () => {
    expect(timelinessFact({ dueAt: DUE, doneAt: null }, BEFORE)).toBe('openPending');
    expect(timeliness({ dueAt: DUE, doneAt: null }, BEFORE)).toBe('pending');
    expect(timeliness({ dueAt: DUE, doneAt: null }, '2026-12-03T09:59:59.999Z')).toBe('pending');
  });

  it('counts an item not done once its deadline has passed as late', () => {
    // From the deadline's instant on (when a request escalates).
    expect(timelinessFact({ dueAt: DUE, doneAt: null }, DUE)).toBe('openOverdue');
    expect(timeliness({ dueAt: new Date(DUE), doneAt: null }, new Date(AFTER))).toBe('late');
  });
});

describe('onTimeTally', () => {
  it('rates on time against settled items only', () => {
    // A notice three days before its deadline: one of three acknowledged, two still have time.
    expect(onTimeTally({ ...NO_FACTS, doneInTime: 1, openPending: 2 })).toEqual({
      onTime: 1,
      late: 0,
      pending: 2,
      rate: 1,
    });
    // After the deadline the two who did not acknowledge are late.
    expect(onTimeTally({ ...NO_FACTS, doneInTime: 1, openOverdue: 2 })).toEqual({
      onTime: 1,
      late: 2,
      pending: 0,
      rate: 1 / 3,
    });
    expect(onTimeTally({ doneInTime: 3, doneLate: 1, openOverdue: 0, openPending: 5 }).rate).toBe(0.75);
  });

  it('has no rate while nothing is settled', () => {
    expect(onTimeTally(NO_FACTS)).toEqual({ onTime: 0, late: 0, pending: 0, rate: null });
    expect(onTimeTally({ ...NO_FACTS, openPending: 30 }).rate).toBeNull();
  });
});
