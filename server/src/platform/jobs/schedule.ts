/**
 * When a recurring job runs next, in the organisation's time zone: "every day at 02:30" means
 * 02:30 in Shanghai whatever the server's clock zone is.
 */
export type Recurrence =
  /** Every N minutes, on the multiples of N within the hour (N divides 60). */
  | { every: 'minutes'; interval: number }
  | { every: 'day'; hour: number; minute: number }
  | { every: 'month'; day: number; hour: number; minute: number };

/** The first occurrence strictly after `after`. */
export function nextOccurrence(rule: Recurrence, after: Date, timeZone: string): Date {
  if (rule.every === 'minutes') {
    // Aligned to UTC multiples, which in a whole-hour zone such as Asia/Shanghai are local ones too.
    const step = rule.interval * 60_000;
    return new Date(Math.floor(after.getTime() / step) * step + step);
  }
  const local = wallClock(after, timeZone);
  let candidate: Date;
  if (rule.every === 'day') {
    candidate = fromWallClock({ ...local, hour: rule.hour, minute: rule.minute, second: 0 }, timeZone);
    if (candidate <= after) {
      candidate = fromWallClock(
        addDays({ ...local, hour: rule.hour, minute: rule.minute, second: 0 }, 1),
        timeZone,
      );
    }
    return candidate;
  }
  candidate = fromWallClock(
    { ...local, day: rule.day, hour: rule.hour, minute: rule.minute, second: 0 },
    timeZone,
  );
  if (candidate <= after) {
    const month =
      local.month === 12 ? { year: local.year + 1, month: 1 } : { year: local.year, month: local.month + 1 };
    candidate = fromWallClock(
      { ...month, day: rule.day, hour: rule.hour, minute: rule.minute, second: 0 },
      timeZone,
    );
  }
  return candidate;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a formatter costs far more than using one; calendar arithmetic reads many wall clocks.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The instant whose wall-clock time in `timeZone` is `w` (corrected for the zone's offset then). */
export function fromWallClock(w: WallClock, timeZone: string): Date {
  const target = asUtc(w);
  // Start from the wall-clock reading taken as UTC and correct by the zone's offset at that
  // instant; a second correction settles instants next to a daylight-saving change.
  let t = target;
  for (let i = 0; i < 2; i++) t += target - asUtc(wallClock(new Date(t), timeZone));
  return new Date(t);
}

function asUtc(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

export function addDays(w: WallClock, days: number): WallClock {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
