import type { CalendarDay, CalendarDayKind } from '@liaison/contracts';

/**
 * The calendar's exceptions as iCalendar (RFC 5545): one all-day event per day, its kind in
 * `CATEGORIES` (HOLIDAY / WORKDAY) and in `X-LIAISON-DAY-KIND`, so a file exported here comes back
 * exactly, and public holiday feeds (whose adjusted working days say 班 / 上班 in the summary)
 * import sensibly.
 */
export function toICalendar(days: readonly CalendarDay[], title: string, timeZone: string): string {
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

/** The days a file describes, later events winning for the same date. Throws ICalendarError. */
export function parseICalendar(text: string): CalendarDay[] {
  const lines = unfold(text);
  if (!lines.some((l) => l.text.toUpperCase() === 'BEGIN:VCALENDAR')) {
    throw new ICalendarError(1, 'not an iCalendar file (no BEGIN:VCALENDAR)');
  }
  const out = new Map<string, CalendarDay>();
  let event: { line: number; props: Map<string, { params: string; value: string }> } | null = null;
  for (const { text: line, number } of lines) {
    const upper = line.toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      event = { line: number, props: new Map() };
      continue;
    }
    if (upper === 'END:VEVENT') {
      if (!event) throw new ICalendarError(number, 'END:VEVENT without BEGIN:VEVENT');
      for (const day of eventDays(event.line, event.props)) out.set(day.date, day);
      if (out.size > MAX_DAYS) throw new ICalendarError(number, `more than ${MAX_DAYS} days`);
      event = null;
      continue;
    }
    if (!event) continue;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const head = line.slice(0, colon);
    const semi = head.indexOf(';');
    const name = (semi < 0 ? head : head.slice(0, semi)).toUpperCase();
    event.props.set(name, {
      params: semi < 0 ? '' : head.slice(semi + 1).toUpperCase(),
      value: line.slice(colon + 1),
    });
  }
  if (event) throw new ICalendarError(event.line, 'VEVENT is not closed');
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function eventDays(line: number, props: Map<string, { params: string; value: string }>): CalendarDay[] {
  const start = props.get('DTSTART');
  if (!start) throw new ICalendarError(line, 'event without DTSTART');
  const first = parseDateValue(line, start.value);
  const endProp = props.get('DTEND');
  // DTEND of an all-day event is exclusive; without one the event is that single day.
  let end = endProp ? parseDateValue(line, endProp.value) : nextDate(first);
  if (endProp && !/VALUE=DATE(?!-)/.test(endProp.params) && endProp.value.includes('T')) {
    // A timed event ending during a day still covers that day.
    if (!/T000000Z?$/.test(endProp.value)) end = nextDate(end);
  }
  if (end <= first) end = nextDate(first);
  const summary = unescapeText(props.get('SUMMARY')?.value ?? '').trim();
  const kind = dayKind(props, summary);
  const name =
    summary
      .replace(/[（(]\s*[休班]\s*[）)]$/, '')
      .trim()
      .slice(0, 60) || (kind === 'holiday' ? '休息日' : '调休上班');
  const days: CalendarDay[] = [];
  for (let d = first; d < end; d = nextDate(d)) {
    days.push({ date: d, kind, name });
    if (days.length > MAX_SPAN) throw new ICalendarError(line, `an event may span at most ${MAX_SPAN} days`);
  }
  return days;
}

function dayKind(props: Map<string, { params: string; value: string }>, summary: string): CalendarDayKind {
  const explicit = props.get('X-LIAISON-DAY-KIND')?.value.trim().toLowerCase();
  if (explicit === 'holiday' || explicit === 'workday') return explicit;
  const categories = (props.get('CATEGORIES')?.value ?? '').toUpperCase();
  if (/WORKDAY|WORKING|上班|补班/.test(categories)) return 'workday';
  if (/HOLIDAY|休/.test(categories)) return 'holiday';
  return /班/.test(summary) ? 'workday' : 'holiday';
}

function parseDateValue(line: number, value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!m) throw new ICalendarError(line, `not a date: ${value.slice(0, 40)}`);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) {
    throw new ICalendarError(line, `not a date: ${value.slice(0, 40)}`);
  }
  return date;
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
