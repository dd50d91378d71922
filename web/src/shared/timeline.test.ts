import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { describe, expect, it } from 'vitest';
import enUS from '../app/i18n/messaging.en-US.ts';
import zhCN from '../app/i18n/messaging.zh-CN.ts';
import { message } from '../features/messaging/testMessages.ts';
import { buildTimeline, type DayLabels, dayLabel, formatBytes, shortTime } from './timeline.ts';

const zh: DayLabels = { ...zhCN.day, locale: zhCN.day.dayjsLocale };
const en: DayLabels = { ...enUS.day, locale: enUS.day.dayjsLocale };
// Local times (no zone), so the test means the same in any time zone it runs in.
const now = dayjs('2026-11-22T10:00:00');

describe('dayLabel', () => {
  it('names today and yesterday', () => {
    expect(dayLabel(dayjs('2026-11-22T00:01:00'), now, zh)).toBe('今天');
    expect(dayLabel(dayjs('2026-11-21T23:59:00'), now, zh)).toBe('昨天');
    expect(dayLabel(dayjs('2026-11-21T08:00:00'), now, en)).toBe('Yesterday');
  });

  it('gives month, day and weekday in Chinese, with the year only for other years', () => {
    expect(dayLabel(dayjs('2026-11-20T09:00:00'), now, zh)).toBe('11月20日 星期五');
    expect(dayLabel(dayjs('2025-11-20T09:00:00'), now, zh)).toBe('2025年11月20日 星期四');
    expect(dayLabel(dayjs('2026-11-20T09:00:00'), now, en)).toBe('Friday, November 20');
    expect(dayLabel(dayjs('2025-11-20T09:00:00'), now, en)).toBe('Thursday, November 20, 2025');
  });
});

describe('buildTimeline', () => {
  const at = (local: string) => dayjs(local).toISOString();

  it('puts a separator before each new day', () => {
    const rows = buildTimeline(
      [
        message({ seq: 1, createdAt: at('2026-11-20T09:00:00') }),
        message({ seq: 2, createdAt: at('2026-11-22T09:00:00') }),
        message({ seq: 3, createdAt: at('2026-11-22T09:30:00') }),
      ],
      now,
      zh,
    );
    expect(rows.map((r) => (r.kind === 'day' ? r.label : r.message.seq))).toEqual([
      '11月20日 星期五',
      1,
      '今天',
      2,
      3,
    ]);
  });

  it('groups consecutive messages of one author within five minutes', () => {
    const other = { id: 'u2', username: 'liu.yang', displayName: '刘洋' };
    const rows = buildTimeline(
      [
        message({ seq: 1, createdAt: at('2026-11-22T09:00:00') }),
        message({ seq: 2, createdAt: at('2026-11-22T09:04:00') }),
        message({ seq: 3, createdAt: at('2026-11-22T09:10:00') }),
        message({ seq: 4, createdAt: at('2026-11-22T09:11:00'), author: other }),
        message({
          seq: 5,
          createdAt: at('2026-11-22T09:12:00'),
          author: other,
          deletedAt: at('2026-11-22T09:13:00'),
        }),
      ],
      now,
      zh,
    );
    const continued = rows.flatMap((r) => (r.kind === 'message' ? [[r.message.seq, r.continued]] : []));
    expect(continued).toEqual([
      [1, false],
      [2, true],
      [3, false],
      [4, false],
      [5, false],
    ]);
  });

  it('starts a new group after a day separator', () => {
    const rows = buildTimeline(
      [
        message({ seq: 1, createdAt: at('2026-11-21T23:59:00') }),
        message({ seq: 2, createdAt: at('2026-11-22T00:00:30') }),
      ],
      now,
      zh,
    );
    expect(rows.filter((r) => r.kind === 'message').map((r) => r.kind === 'message' && r.continued)).toEqual([
      false,
      false,
    ]);
  });
});

describe('shortTime and formatBytes', () => {
  it('shortens times by how long ago they were', () => {
    expect(shortTime(dayjs('2026-11-22T08:05:00').toISOString(), now, '昨天')).toBe('08:05');
    expect(shortTime(dayjs('2026-11-21T08:05:00').toISOString(), now, '昨天')).toBe('昨天');
    expect(shortTime(dayjs('2026-03-01T08:05:00').toISOString(), now, '昨天')).toBe('03/01');
    expect(shortTime(dayjs('2025-03-01T08:05:00').toISOString(), now, '昨天')).toBe('2025/03/01');
    expect(shortTime(null, now, '昨天')).toBe('');
  });

  it('formats file sizes', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(340 * 1024)).toBe('340 KB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });
});
