import { describe, expect, it } from 'vitest';
import { ICalendarError, parseICalendar, toICalendar } from './ical.ts';

const ZONE = 'Asia/Shanghai';
const calendar = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']),
    'END:VCALENDAR',
  ].join('\r\n');
const dates = (days: { date: string }[]) => days.map((d) => d.date);

describe('iCalendar import and export', () => {
  it('round-trips the exported days exactly, including long Chinese names', () => {
    const days = [
      { date: '2026-10-01', kind: 'holiday' as const, name: '国庆节' },
      { date: '2026-10-10', kind: 'workday' as const, name: '国庆节调休上班' },
      {
        date: '2026-12-24',
        kind: 'holiday' as const,
        name: '公司年会放假，全体员工；非常长的名称用于测试折行是否正确处理多字节字符',
      },
    ];
    const text = toICalendar(days, '工作日历 2026', 'Asia/Shanghai');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(parseICalendar(text, ZONE)).toEqual(days);
  });

  it('reads a public holiday feed: multi-day events, 班 days and exclusive DTEND', () => {
    const feed = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261001',
      'DTEND;VALUE=DATE:20261008',
      'SUMMARY:国庆节 (休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260920',
      'SUMMARY:国庆节补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const days = parseICalendar(feed, ZONE);
    expect(days).toHaveLength(8);
    expect(days[0]).toEqual({ date: '2026-09-20', kind: 'workday', name: '国庆节补班' });
    expect(days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(days[1]!.name).toBe('国庆节');
  });

  it('refuses what is not a calendar, and names the line of a bad date', () => {
    expect(() => parseICalendar('hello', ZONE)).toThrow(ICalendarError);
    const bad = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261341',
      'END:VEVENT',
      'END:VCALENDAR',
    ];
    expect(() => parseICalendar(bad.join('\r\n'), ZONE)).toThrow(/line 2/);
    expect(() =>
      parseICalendar(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20260101'].join('\n'), ZONE),
    ).toThrow(/not closed/);
  });

  it('reads a State Council holiday feed as published (all-day events with DTEND, VTIMEZONE, 上班 days)', () => {
    // The shape of the widely used holiday-cn feeds.
    const feed = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'METHOD:PUBLISH',
      'X-WR-CALDESC:中国法定节假日数据，自动每日抓取国务院公',
      ' 告。',
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Shanghai',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0800',
      'TZOFFSETTO:+0800',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'SUMMARY:上班(补春节假期)',
      'DTSTART;VALUE=DATE:20250126',
      'DTEND;VALUE=DATE:20250127',
      'DTSTAMP;VALUE=DATE:20250126',
      'UID:2025-01-26/2025-01-27/NateScarlet/holiday-cn',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:春节假期',
      'DTSTART;VALUE=DATE:20250128',
      'DTEND;VALUE=DATE:20250205',
      'UID:2025-01-28/2025-02-05/NateScarlet/holiday-cn',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const days = parseICalendar(feed, ZONE);
    expect(days[0]).toEqual({ date: '2025-01-26', kind: 'workday', name: '上班(补春节假期)' });
    expect(dates(days.filter((d) => d.kind === 'holiday'))).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ]);
  });

  it('honours DURATION on all-day events (P3D is three days, P1W seven)', () => {
    const days = parseICalendar(
      calendar(
        ['DTSTART;VALUE=DATE:20270205', 'DURATION:P3D', 'SUMMARY:春节'],
        ['DTSTART;VALUE=DATE:20271001', 'DURATION:P1W', 'SUMMARY:国庆节'],
      ),
      ZONE,
    );
    expect(dates(days)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
      '2027-10-04',
      '2027-10-05',
      '2027-10-06',
      '2027-10-07',
    ]);
  });

  it('counts a timed event covering one local day as that one day, however its times are written', () => {
    // Midnight to midnight in Shanghai, written in UTC, with a TZID, floating, and with DURATION.
    const oneDay = [
      ['DTSTART:20261231T160000Z', 'DTEND:20270101T160000Z'],
      ['DTSTART;TZID=Asia/Shanghai:20270101T000000', 'DTEND;TZID=Asia/Shanghai:20270102T000000'],
      ['DTSTART;TZID="Asia/Shanghai":20270101T000000', 'DURATION:P1D'],
      ['DTSTART:20270101T000000', 'DURATION:PT24H'],
      ['DTSTART:20261231T160000Z', 'DURATION:PT24H'],
      // An office closure 09:00–17:00, and an event with no end at all.
      ['DTSTART:20270101T010000Z', 'DTEND:20270101T090000Z'],
      ['DTSTART;TZID=Asia/Shanghai:20270101T090000'],
    ];
    for (const event of oneDay) {
      expect(dates(parseICalendar(calendar([...event, 'SUMMARY:元旦']), ZONE)), event.join(' ')).toEqual([
        '2027-01-01',
      ]);
    }
  });

  it("places timed UTC events in the organisation's zone and covers every local day they overlap", () => {
    // 春节 from 除夕 00:00 to 初四 00:00 Shanghai time, as a UTC feed writes it.
    const days = parseICalendar(
      calendar(['DTSTART:20270204T160000Z', 'DTEND:20270208T160000Z', 'SUMMARY:春节']),
      ZONE,
    );
    expect(dates(days)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    // Read in another organisation's zone, the same instants are other dates.
    expect(
      dates(
        parseICalendar(calendar(['DTSTART:20270204T160000Z', 'DTEND:20270208T160000Z']), 'Europe/Berlin'),
      ),
    ).toEqual(['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    // A TZID the runtime does not know (Outlook's names) is read in the organisation's zone.
    expect(
      dates(
        parseICalendar(
          calendar([
            'DTSTART;TZID=China Standard Time:20270101T000000',
            'DTEND;TZID=China Standard Time:20270102T000000',
          ]),
          ZONE,
        ),
      ),
    ).toEqual(['2027-01-01']);
  });

  it('keeps control characters and broken UTF-16 out of the names it stores', () => {
    const [day] = parseICalendar(calendar(['DTSTART;VALUE=DATE:20270101', 'SUMMARY:元\u0000旦\ud800']), ZONE);
    expect(day!.name).toBe('元 旦\ufffd');
  });

  it('refuses a malformed duration or time, naming the line', () => {
    expect(() => parseICalendar(calendar(['DTSTART;VALUE=DATE:20270101', 'DURATION:3 days']), ZONE)).toThrow(
      /line 3: not a duration/,
    );
    expect(() => parseICalendar(calendar(['DTSTART:20270101T250000Z']), ZONE)).toThrow(/line 3: not a time/);
  });

  it('marks provisional days in the export without changing what comes back', () => {
    const text = toICalendar(
      [{ date: '2027-01-01', kind: 'holiday', name: '元旦', provisional: true }],
      '2027',
      ZONE,
    );
    expect(text).toContain('X-LIAISON-PROVISIONAL:TRUE');
    expect(parseICalendar(text, ZONE)).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
  });
});
