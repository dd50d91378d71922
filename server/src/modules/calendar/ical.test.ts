import { describe, expect, it } from 'vitest';
import { ICalendarError, parseICalendar, toICalendar } from './ical.ts';

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
    expect(parseICalendar(text)).toEqual(days);
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
    const days = parseICalendar(feed);
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
    expect(() => parseICalendar('hello')).toThrow(ICalendarError);
    const bad = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261341',
      'END:VEVENT',
      'END:VCALENDAR',
    ];
    expect(() => parseICalendar(bad.join('\r\n'))).toThrow(/line 2/);
    expect(() => parseICalendar(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20260101'].join('\n'))).toThrow(
      /not closed/,
    );
  });
});
