import { describe, expect, it } from 'vitest';
import { DEFAULT_WEEK, WorkingCalendar } from '../../modules/calendar/business-calendar.ts';
import { CHINA_2026 } from '../db/migrations/0004_work.ts';
import {
  activeHours,
  type ClockState,
  ladder,
  naturalHours,
  nextMilestone,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  takeDue,
  viewClock,
  workingHours,
} from './service-clock.ts';

const china = workingHours(
  new WorkingCalendar({
    timeZone: 'Asia/Shanghai',
    week: DEFAULT_WEEK,
    days: new Map(CHINA_2026.map(([date, kind]) => [date, kind])),
  }),
);
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();

/** Every milestone the sweep would take, sweeping at each of the given instants. */
function sweep(policy: ReturnType<typeof ladder>, state: ClockState, at: string[], basis = china) {
  const taken: string[] = [];
  let s = state;
  for (const local of at) {
    for (;;) {
      const due = takeDue(policy, s, sh(local), basis);
      if (!due) break;
      s = due.state;
      taken.push(`${local} ${due.milestone.kind}${due.milestone.level ?? ''}`);
    }
  }
  return { taken, state: s };
}

describe('ladder', () => {
  it('puts reminders before the target and one breach level per period after it', () => {
    expect(ladder({ targetHours: 24, remindBefore: [4], levels: 2 }).milestones).toEqual([
      { atHours: 20, kind: 'remind' },
      { atHours: 24, kind: 'breach', level: 1 },
      { atHours: 48, kind: 'breach', level: 2 },
    ]);
    // Complaints: supervisor at 24 h, senior leadership at 48 h, and beyond at 72 h.
    expect(ladder({ targetHours: 24, levels: 3 }).milestones.map((m) => m.atHours)).toEqual([24, 48, 72]);
    expect(() => ladder({ targetHours: 0 })).toThrow(/positive/);
  });
});

describe('a clock on working hours', () => {
  // The department request of the requests test: raised Wednesday 30 September 10:00, due after
  // 24 working hours — the National Day holiday skipped, Saturday 10 October (调休) counted.
  const policy = ladder({ targetHours: 24, remindBefore: [4], levels: 2 });
  const raised = startClock(sh('2026-09-30T10:00'));

  it('plans each milestone on the business calendar', () => {
    expect(nextMilestone(policy, raised, china)?.at.toISOString()).toBe(iso('2026-10-09T15:00'));
    expect(viewClock(policy, raised, sh('2026-09-30T10:00'), china).dueAt).toBe(iso('2026-10-10T10:00'));
  });

  it('takes each milestone once, at its time and not a minute before', () => {
    const { taken } = sweep(policy, raised, [
      '2026-10-09T14:59',
      '2026-10-09T15:00',
      '2026-10-10T09:59',
      '2026-10-10T10:00',
      '2026-10-14T09:59',
      '2026-10-14T10:00',
      '2026-10-20T10:00',
    ]);
    expect(taken).toEqual([
      '2026-10-09T15:00 remind',
      '2026-10-10T10:00 breach1',
      '2026-10-14T10:00 breach2',
    ]);
  });

  it('escalates one level per sweep after a long outage, not straight to the top', () => {
    const once = takeDue(policy, raised, sh('2026-11-30T10:00'), china);
    expect(once?.milestone.kind).toBe('remind');
    const twice = takeDue(policy, once!.state, sh('2026-11-30T10:00'), china);
    expect(twice?.milestone).toEqual({ atHours: 24, kind: 'breach', level: 1 });
  });
});

describe('pausing', () => {
  // A complaint on natural hours: 24 h to the first level.
  const policy = ladder({ targetHours: 24, levels: 3 });

  it('does not count time spent waiting for the customer, and moves every milestone by it', () => {
    let s = startClock(new Date('2026-12-07T00:00:00Z'));
    s = pauseClock(s, new Date('2026-12-07T06:00:00Z'));
    expect(nextMilestone(policy, s, naturalHours)).toBeNull();
    const frozen = viewClock(policy, s, new Date('2026-12-09T00:00:00Z'), naturalHours);
    expect(frozen).toMatchObject({ state: 'paused', dueAt: null, remainingHours: 18, breached: false });
    expect(takeDue(policy, s, new Date('2026-12-20T00:00:00Z'), naturalHours)).toBeNull();
    s = resumeClock(s, new Date('2026-12-07T16:00:00Z'), naturalHours);
    expect(s.pausedHours).toBe(10);
    expect(nextMilestone(policy, s, naturalHours)?.at.toISOString()).toBe('2026-12-08T10:00:00.000Z');
    expect(activeHours(s, new Date('2026-12-08T10:00:00Z'), naturalHours)).toBe(24);
  });

  it('measures a pause on working hours in working hours', () => {
    // Paused from Friday 17:00 to Monday 10:00: two working hours, not 65 natural ones.
    let s = startClock(sh('2026-11-20T09:00'));
    s = pauseClock(s, sh('2026-11-20T17:00'));
    s = resumeClock(s, sh('2026-11-23T10:00'), china);
    expect(s.pausedHours).toBe(2);
    expect(activeHours(s, sh('2026-11-23T11:00'), china)).toBe(8);
  });

  it('ignores a second pause, a resume without a pause, and anything after the stop', () => {
    const start = startClock(new Date('2026-12-07T00:00:00Z'));
    const paused = pauseClock(start, new Date('2026-12-07T01:00:00Z'));
    expect(pauseClock(paused, new Date('2026-12-07T02:00:00Z'))).toBe(paused);
    expect(resumeClock(start, new Date('2026-12-07T02:00:00Z'), naturalHours)).toBe(start);
    const stopped = stopClock(start, new Date('2026-12-07T03:00:00Z'));
    expect(pauseClock(stopped, new Date('2026-12-07T04:00:00Z'))).toBe(stopped);
    expect(nextMilestone(policy, stopped, naturalHours)).toBeNull();
  });
});

describe('the countdown', () => {
  const policy = ladder({ targetHours: 24, levels: 3 });

  it('shows time left, the share used, breach and level, and stays final once stopped', () => {
    const start = startClock(new Date('2026-12-07T00:00:00Z'));
    expect(viewClock(policy, start, new Date('2026-12-07T18:00:00Z'), naturalHours)).toEqual({
      dueAt: '2026-12-08T00:00:00.000Z',
      remainingHours: 6,
      used: 0.75,
      breached: false,
      level: 0,
      state: 'running',
    });
    // 49 hours in (09:00 Beijing is 01:00 UTC): two levels taken.
    const { state } = sweep(policy, start, ['2026-12-09T09:00'], naturalHours);
    const late = viewClock(policy, state, sh('2026-12-09T09:00'), naturalHours);
    expect(late).toMatchObject({ breached: true, level: 2, remainingHours: -25 });
    // Answered exactly at the target: on time.
    const answered = stopClock(start, new Date('2026-12-08T00:00:00Z'));
    expect(viewClock(policy, answered, new Date('2026-12-20T00:00:00Z'), naturalHours)).toMatchObject({
      state: 'stopped',
      dueAt: null,
      remainingHours: 0,
      breached: false,
    });
  });
});
