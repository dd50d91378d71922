/**
 * Service clocks and escalation ladders — the one mechanism behind every "answer within N hours,
 * remind before, escalate after" rule: department requests (24 working hours → head → leadership),
 * external-request stages, complaints (24/48/72 h levels, paused while waiting for the customer),
 * suggestions (3 working days), crisis clocks, cadence and NDA due dates.
 *
 * Pure: a module keeps the clock's state on its own row (`ClockState`, a few columns or a JSON
 * value), asks `nextMilestone` when to wake, and its job-queue sweep takes the milestone whose time
 * has come. Hours are counted on a basis — natural hours, or the business calendar's working hours
 * (`workingHours(calendar)`), which skips nights, weekends, holidays and counts 调休 Saturdays.
 *
 * Time paused (waiting for the customer) does not count: the clock measures *active* hours, so a
 * deadline moves later by exactly the paused time, in the clock's own basis.
 */

/** How hours are counted between two instants, and which instant is N hours later. */
export interface HoursBasis {
  addHours(from: Date, hours: number): Date;
  hoursBetween(a: Date, b: Date): number;
}

export const naturalHours: HoursBasis = {
  addHours: (from, hours) => new Date(from.getTime() + hours * 3_600_000),
  hoursBetween: (a, b) => (b.getTime() - a.getTime()) / 3_600_000,
};

/** Working hours of a business calendar (the calendar module's `WorkingCalendar` fits). */
export function workingHours(calendar: {
  addWorkingHours(from: Date, hours: number): Date;
  workingHoursBetween(a: Date, b: Date): number;
}): HoursBasis {
  return {
    addHours: (from, hours) => calendar.addWorkingHours(from, hours),
    hoursBetween: (a, b) => calendar.workingHoursBetween(a, b),
  };
}

/** One thing that happens when the clock has run so long: a reminder, or a breach that raises the level. */
export interface Milestone {
  /** Active hours since the start. */
  atHours: number;
  kind: 'remind' | 'breach';
  /** For a breach: the escalation level it raises to (1 = the first level above the owner). */
  level?: number;
}

export interface ClockPolicy {
  /** The target: what the countdown counts down to. */
  targetHours: number;
  /** Every milestone, in order of `atHours`. */
  milestones: readonly Milestone[];
}

/**
 * The usual shape: reminders some hours before the target, then a breach at the target and one
 * more level every `escalateEvery` hours after it — e.g. requests: target 24, remind 4 before,
 * levels 2 every 24 (head at 24 h, leadership at 48 h); complaints: target 24, levels 3 every 24
 * (supervisor at 24 h, senior leadership at 48 h, beyond at 72 h) — whatever each module's rule says.
 */
export function ladder(input: {
  targetHours: number;
  remindBefore?: readonly number[];
  levels?: number;
  escalateEvery?: number;
}): ClockPolicy {
  const { targetHours, levels = 1, escalateEvery = targetHours } = input;
  if (!(targetHours > 0)) throw new Error('a clock needs a positive target');
  const reminders = [...new Set(input.remindBefore ?? [])]
    .filter((h) => h > 0 && h < targetHours)
    .map((h) => ({ atHours: targetHours - h, kind: 'remind' as const }));
  const breaches = Array.from({ length: levels }, (_, i) => ({
    atHours: targetHours + i * escalateEvery,
    kind: 'breach' as const,
    level: i + 1,
  }));
  return { targetHours, milestones: [...reminders, ...breaches].sort((a, b) => a.atHours - b.atHours) };
}

/** What a module stores on its row. Instants are ISO strings. */
export interface ClockState {
  startedAt: string;
  /** Set while paused (waiting for the customer); the clock does not run. */
  pausedSince: string | null;
  /** Active-basis hours spent paused before `pausedSince`, all pauses together. */
  pausedHours: number;
  /** Set when the clock stopped for good (answered, closed); nothing more happens. */
  stoppedAt: string | null;
  /** How many milestones have been taken. */
  taken: number;
}

export function startClock(at: Date): ClockState {
  return { startedAt: at.toISOString(), pausedSince: null, pausedHours: 0, stoppedAt: null, taken: 0 };
}

export function pauseClock(state: ClockState, at: Date): ClockState {
  if (state.stoppedAt || state.pausedSince) return state;
  return { ...state, pausedSince: at.toISOString() };
}

export function resumeClock(state: ClockState, at: Date, basis: HoursBasis): ClockState {
  if (state.stoppedAt || !state.pausedSince) return state;
  const paused = Math.max(0, basis.hoursBetween(new Date(state.pausedSince), at));
  return { ...state, pausedSince: null, pausedHours: state.pausedHours + paused };
}

export function stopClock(state: ClockState, at: Date): ClockState {
  if (state.stoppedAt) return state;
  return { ...state, stoppedAt: at.toISOString() };
}

/** Active hours the clock has run by `now` (frozen while paused, final once stopped). */
export function activeHours(state: ClockState, now: Date, basis: HoursBasis): number {
  const end = [now, state.pausedSince, state.stoppedAt]
    .filter((x): x is Date | string => x !== null)
    .map((x) => new Date(x))
    .reduce((a, b) => (b < a ? b : a));
  return Math.max(0, basis.hoursBetween(new Date(state.startedAt), end) - state.pausedHours);
}

/** The instant the clock reaches `hours` active hours, if it keeps running from now on. */
function instantAt(state: ClockState, hours: number, basis: HoursBasis): Date {
  return basis.addHours(new Date(state.startedAt), hours + state.pausedHours);
}

/**
 * The next milestone and when it is due — null while paused (the sweep need not wake for it; resume
 * plans it again), once stopped, or when every milestone is taken.
 */
export function nextMilestone(
  policy: ClockPolicy,
  state: ClockState,
  basis: HoursBasis,
): { milestone: Milestone; index: number; at: Date } | null {
  if (state.stoppedAt || state.pausedSince) return null;
  const milestone = policy.milestones[state.taken];
  if (!milestone) return null;
  return { milestone, index: state.taken, at: instantAt(state, milestone.atHours, basis) };
}

/**
 * Takes the next milestone if its time has come: the new state and what to do. One milestone per
 * call, so a system that was down past several levels escalates one level per sweep, each on the
 * record, rather than jumping to the top at once.
 */
export function takeDue(
  policy: ClockPolicy,
  state: ClockState,
  now: Date,
  basis: HoursBasis,
): { state: ClockState; milestone: Milestone } | null {
  const next = nextMilestone(policy, state, basis);
  if (!next || next.at > now) return null;
  return { state: { ...state, taken: state.taken + 1 }, milestone: next.milestone };
}

/** What a countdown shows. */
export interface ClockView {
  /** When the target is reached if the clock keeps running (null while paused or once stopped). */
  dueAt: string | null;
  /** Active hours left to the target (negative once past it). */
  remainingHours: number;
  /** Share of the target used, 0…1+. */
  used: number;
  breached: boolean;
  /** The highest level a breach has raised to. */
  level: number;
  state: 'running' | 'paused' | 'stopped';
}

export function viewClock(policy: ClockPolicy, state: ClockState, now: Date, basis: HoursBasis): ClockView {
  const active = activeHours(state, now, basis);
  const level = policy.milestones
    .slice(0, state.taken)
    .reduce((max, m) => (m.kind === 'breach' ? Math.max(max, m.level ?? 1) : max), 0);
  const running = !state.stoppedAt && !state.pausedSince;
  return {
    dueAt: running ? instantAt(state, policy.targetHours, basis).toISOString() : null,
    remainingHours: policy.targetHours - active,
    used: active / policy.targetHours,
    breached: active > policy.targetHours,
    level,
    state: state.stoppedAt ? 'stopped' : state.pausedSince ? 'paused' : 'running',
  };
}
