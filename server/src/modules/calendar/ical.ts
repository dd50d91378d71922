import type { CalendarDay, CalendarDayKind } from '@liaison/contracts';
import {
  addDays as addWallDays,
  fromWallClock,
  type WallClock,
  wallClock,
} from '../../platform/jobs/schedule.ts';
import { formatDate, parseDate } from './business-calendar.ts';

const PROVISIONAL_NOTE = '暂定：按《全国年节及纪念日放假办法》推算，以国务院办公厅通知为准';

/**
 * The calendar's exceptions as iCalendar (RFC 5545): one all-day event per day, its kind in
 * `CATEGORIES` (HOLIDAY / WORKDAY) and in `X-LIAISON-DAY-KIND`, so a file exported here comes back
 * exactly, and public holiday feeds (whose adjusted working days say 班 / 上班 in the summary)
 * import sensibly. Provisional days say so in their description.
 */
export function toICalendar(
  days: readonly (ICalendarDay & { provisional?: boolean })[],
  title: string,
  timeZone: string,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison//Business Calendar//ZH',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(title)}`,
    `X-WR-TIMEZONE:${timeZone}`,
  ];
  for (const day of days) {
    const start = day.date.replaceAll('-', '');
    const end = nextDate(day.date).replaceAll('-', '');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${start}-${day.kind}@liaison`,
      `DTSTAMP:${start}T000000Z`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${end}`,
      `SUMMARY:${escapeText(`${day.name}（${day.kind === 'holiday' ? '休' : '班'}）`)}`,
      `CATEGORIES:${day.kind === 'holiday' ? 'HOLIDAY' : 'WORKDAY'}`,
      `X-LIAISON-DAY-KIND:${day.kind}`,
      ...(day.provisional
        ? [`DESCRIPTION:${escapeText(PROVISIONAL_NOTE)}`, 'X-LIAISON-PROVISIONAL:TRUE']
        : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

export class ICalendarError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'ICalendarError';
    this.line = line;
  }
}

/** An event may span at most this many days; a file at most MAX_DAYS days in all. */
const MAX_SPAN = 62;
const MAX_DAYS = 5000;

/** A day as an iCalendar event describes it (whether it is provisional is not the file's to say). */
export type ICalendarDay = Pick<CalendarDay, 'date' | 'kind' | 'name'>;

interface Property {
  /** Parameter names upper-cased, values as written (a TZID keeps its case). */
  params: Map<string, string>;
  value: string;
}

/**
 * The days a file describes, later events winning for the same date. Timed events are placed in
 * `timeZone` (the organisation's): an event covers every local date it overlaps, its end being
 * exclusive. Throws ICalendarError.
 */
export function parseICalendar(text: string, timeZone: string): ICalendarDay[] {
  const lines = unfold(text);
  if (!lines.some((l) => l.text.toUpperCase() === 'BEGIN:VCALENDAR')) {
    throw new ICalendarError(1, 'not an iCalendar file (no BEGIN:VCALENDAR)');
  }
  const out = new Map<string, ICalendarDay>();
  let event: { line: number; props: Map<string, Property> } | null = null;
  for (const { text: line, number } of lines) {
    const upper = line.toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      event = { line: number, props: new Map() };
      continue;
    }
    if (upper === 'END:VEVENT') {
      if (!event) throw new ICalendarError(number, 'END:VEVENT without BEGIN:VEVENT');
      for (const day of eventDays(event.line, event.props, timeZone)) out.set(day.date, day);
      if (out.size > MAX_DAYS) throw new ICalendarError(number, `more than ${MAX_DAYS} days`);
      event = null;
      continue;
    }
    if (!event) continue;
    const property = parseProperty(line);
    if (property) event.props.set(property.name, { params: property.params, value: property.value });
  }
  if (event) throw new ICalendarError(event.line, 'VEVENT is not closed');
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** `NAME;PARAM=value;PARAM="quoted":value`, or null for a line without a value. */
function parseProperty(line: string): { name: string; params: Map<string, string>; value: string } | null {
  const params = new Map<string, string>();
  const name = /^[A-Za-z0-9-]+/.exec(line)?.[0];
  if (!name) return null;
  let i = name.length;
  while (line[i] === ';') {
    const eq = line.indexOf('=', i);
    if (eq < 0) return null;
    const key = line.slice(i + 1, eq).toUpperCase();
    let value: string;
    if (line[eq + 1] === '"') {
      const close = line.indexOf('"', eq + 2);
      if (close < 0) return null;
      value = line.slice(eq + 2, close);
      i = close + 1;
    } else {
      const stop = line.slice(eq + 1).search(/[;:]/);
      if (stop < 0) return null;
      value = line.slice(eq + 1, eq + 1 + stop);
      i = eq + 1 + stop;
    }
    params.set(key, value);
  }
  if (line[i] !== ':') return null;
  return { name: name.toUpperCase(), params, value: line.slice(i + 1) };
}

/** A DTSTART / DTEND value: a calendar date (all-day), or an instant. */
type Moment =
  | { date: string; at?: undefined; zone?: undefined }
  | { at: Date; zone: string; date?: undefined };

function eventDays(line: number, props: Map<string, Property>, timeZone: string): ICalendarDay[] {
  const startProp = props.get('DTSTART');
  if (!startProp) throw new ICalendarError(line, 'event without DTSTART');
  const start = parseMoment(line, startProp, timeZone);
  const endProp = props.get('DTEND');
  const durationProp = props.get('DURATION');
  const duration = durationProp ? parseDuration(line, durationProp.value) : null;

  let first: string;
  let last: string;
  if (start.date !== undefined) {
    // All-day: DTEND is exclusive; DURATION counts days; neither → that one day (RFC 5545 3.6.1).
    first = start.date;
    let end: string;
    if (endProp) {
      const e = parseMoment(line, endProp, timeZone);
      end = e.date ?? localDate(e.at, timeZone);
    } else if (duration) {
      end = addDays(first, duration.days + (duration.ms > 0 ? 1 : 0));
    } else {
      end = nextDate(first);
    }
    last = end > first ? addDays(end, -1) : first;
  } else {
    // Timed: the event covers [start, end) and so every local date it overlaps, however it is
    // written (UTC, TZID or floating) — midnight to midnight is one day, not two.
    let end: Date;
    if (endProp) {
      const e = parseMoment(line, endProp, timeZone);
      end = e.at ?? fromWallClock({ ...parseDate(e.date), hour: 0, minute: 0, second: 0 }, timeZone);
    } else if (duration) {
      // A day in a duration is a calendar day in the event's own zone; hours are exact.
      const wall: WallClock = addWallDays(wallClock(start.at, start.zone), duration.days);
      end = new Date(fromWallClock(wall, start.zone).getTime() + duration.ms);
    } else {
      end = start.at;
    }
    first = localDate(start.at, timeZone);
    last = end > start.at ? localDate(new Date(end.getTime() - 1), timeZone) : first;
  }

  // A name is stored and shown: control characters and broken UTF-16 from the file go.
  const summary = unescapeText(props.get('SUMMARY')?.value ?? '')
    .toWellFormed()
    .replace(/\p{Cc}/gu, ' ')
    .trim();
  const kind = dayKind(props, summary);
  const name =
    summary
      .replace(/[（(]\s*[休班]\s*[）)]$/, '')
      .trim()
      .slice(0, 60) || (kind === 'holiday' ? '休息日' : '调休上班');
  const days: ICalendarDay[] = [];
  for (let d = first; d <= last; d = nextDate(d)) {
    days.push({ date: d, kind, name });
    if (days.length > MAX_SPAN) throw new ICalendarError(line, `an event may span at most ${MAX_SPAN} days`);
  }
  return days;
}

function dayKind(props: Map<string, Property>, summary: string): CalendarDayKind {
  const explicit = props.get('X-LIAISON-DAY-KIND')?.value.trim().toLowerCase();
  if (explicit === 'holiday' || explicit === 'workday') return explicit;
  const categories = (props.get('CATEGORIES')?.value ?? '').toUpperCase();
  if (/WORKDAY|WORKING|上班|补班/.test(categories)) return 'workday';
  if (/HOLIDAY|休/.test(categories)) return 'holiday';
  return /班/.test(summary) ? 'workday' : 'holiday';
}

const MOMENT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/i;

function parseMoment(line: number, prop: Property, timeZone: string): Moment {
  const value = prop.value.trim();
  const m = MOMENT.exec(value);
  if (!m) throw new ICalendarError(line, `not a date: ${value.slice(0, 40)}`);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) {
    throw new ICalendarError(line, `not a date: ${value.slice(0, 40)}`);
  }
  if (m[4] === undefined || prop.params.get('VALUE')?.toUpperCase() === 'DATE') return { date };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23 || minute > 59 || second > 60) {
    throw new ICalendarError(line, `not a time: ${value.slice(0, 40)}`);
  }
  if (m[7]) {
    const at = new Date(
      Date.UTC(check.getUTCFullYear(), check.getUTCMonth(), check.getUTCDate(), hour, minute, second),
    );
    return { at, zone: 'UTC' };
  }
  // A TZID this runtime does not know (an Outlook name such as "China Standard Time") and a
  // floating time are both read in the organisation's zone.
  const tzid = prop.params.get('TZID');
  const zone = tzid && isTimeZone(tzid) ? tzid : timeZone;
  return { at: fromWallClock({ ...parseDate(date), hour, minute, second }, zone), zone };
}

/** RFC 5545 3.3.6: `P15DT5H0M20S`, `P7W`, `-PT15M`. Days and weeks are counted apart from the exact part. */
function parseDuration(line: number, text: string): { days: number; ms: number } {
  const m = /^([+-])?P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/i.exec(text.trim());
  if (!m || text.trim().toUpperCase().endsWith('T') || !/\d/.test(text)) {
    throw new ICalendarError(line, `not a duration: ${text.slice(0, 40)}`);
  }
  const sign = m[1] === '-' ? -1 : 1;
  const days = sign * (Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0));
  const ms = sign * ((Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0)) * 1000;
  return { days, ms };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function localDate(at: Date, timeZone: string): string {
  return formatDate(wallClock(at, timeZone));
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Content lines with continuation lines (leading space or tab) joined back. */
function unfold(text: string): { text: string; number: number }[] {
  const out: { text: string; number: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && out.length > 0)
      out[out.length - 1]!.text += raw.slice(1);
    else if (raw.length > 0) out.push({ text: raw, number: i + 1 });
  });
  return out;
}

/** Lines longer than 75 octets are folded, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function escapeText(s: string): string {
  return s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
