import type { BusinessCalendar, Department, User } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { prepare } from '../../startup.ts';

/** A Shanghai wall-clock time as an ISO instant. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let calendarAdmin: User; // holds calendar.manage through a custom role, not system_admin
let employee: User;
let chenJing: User; // 市场部 liaison, raises requests
let legal: Department;
let chenAs: As;

async function at(local: string) {
  t.clock.set(sh(local));
  chenAs = await t.sessionFor(chenJing);
  t.adminSession = await t.sessionFor(t.admin);
}

async function calendarOf(year: number): Promise<BusinessCalendar> {
  const res = await t.request(t.adminSession, 'GET', `/api/calendar?year=${year}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function notices(user: User) {
  const res = await t.request(await t.sessionFor(user), 'GET', '/api/notifications?pageSize=100');
  return (res.body.items as { kind: string; title: string; body: string; link: string }[]).filter(
    (n) => n.kind === 'system.calendar_next_year',
  );
}

/** When `hours` working hours after `from` (Shanghai wall clock) end. */
async function deadline(from: string, hours: number): Promise<string> {
  const res = await t.request(
    t.adminSession,
    'GET',
    `/api/calendar/working-time?from=${encodeURIComponent(sh(from))}&hours=${hours}`,
  );
  expect(res.status).toBe(200);
  return res.body.at;
}

async function raiseRequest(title: string) {
  const res = await t.request(chenAs, 'POST', '/api/requests', {
    toDepartmentId: legal.id,
    title,
    body: '请在时限内首次响应。',
  });
  expect(res.status).toBe(201);
  return res.body as { responseDueAt: string };
}

async function auditActions(action: string) {
  const res = await t.request(t.adminSession, 'GET', `/api/audit?action=${action}`);
  return res.body.items as { summary: Record<string, unknown>; targetId: string | null }[];
}

beforeAll(async () => {
  // Start-up fills the current year when it has nothing, so the test starts on a fixed date.
  t = await createTestApp({ now: sh('2026-10-31T08:00') });
  const role = await t.services.roles.create(t.adminCtx, {
    key: 'calendar_keeper',
    name: '日历管理员',
    scope: 'own',
    permissions: ['calendar.manage'],
  });
  calendarAdmin = await t.buildUser({ username: 'li.na', displayName: '李娜' });
  await t.services.users.setRoles(t.adminCtx, calendarAdmin.id, [
    await t.services.roles.roleIdByKey(t.database.db, 'employee'),
    role.id,
  ]);
  employee = await t.buildUser({ username: 'yang.fan', displayName: '杨帆' });
  const marketing = await t.buildDepartment({ name: '市场部' });
  legal = await t.buildDepartment({ name: '法务部' });
  chenJing = await t.buildUser({ username: 'chen.jing', department: marketing, roles: ['liaison'] });
  const zhuLin = await t.buildUser({ username: 'zhu.lin', department: legal, roles: ['liaison'] });
  await t.services.departments.update(t.adminCtx, legal.id, { liaisonId: zhuLin.id });
  await t.services.webhooks.create(t.adminCtx, {
    name: '行政群机器人',
    format: 'generic',
    url: 'https://hooks.example.com/calendar',
    secret: null,
    kinds: ['system.calendar_next_year'],
    departmentId: null,
    enabled: true,
  });
}, 60_000);

afterAll(() => t.close());

describe('before 1 November', () => {
  it('neither warns nor fills next year, so 1 January 2027 still counts as a working day', async () => {
    await at('2026-10-31T10:00');
    await t.services.jobs.runDue(); // plans the daily job from now: its first run is tomorrow 09:00
    expect(await t.services.calendarYears.sweep()).toEqual({ filled: [], reminded: null });
    const next = await calendarOf(2027);
    expect(next).toMatchObject({ year: 2027, schedule: 'none', days: [], nextYearWarning: null });
    expect((await calendarOf(2026)).schedule).toBe('official');
    expect(await notices(calendarAdmin)).toEqual([]);
    // What the issue reported: Thursday 31 December 17:00 + 2 working hours is New Year's Day.
    expect(await deadline('2026-12-31T17:00', 2)).toBe(sh('2027-01-01T10:00'));
  });
});

describe('from 1 November, while 2027 has no official arrangement', () => {
  it('fills 2027 from the statutory rules, marked provisional, and warns the calendar administrators once', async () => {
    await at('2026-11-01T09:30');
    await t.services.jobs.runDue();

    const next = await calendarOf(2027);
    expect(next.schedule).toBe('provisional');
    expect(next.nextYearWarning).toEqual({ year: 2027, schedule: 'provisional' });
    expect(next.days.every((d) => d.provisional && d.kind === 'holiday')).toBe(true);
    expect(next.days.map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-02-09 春节（补假）',
      '2027-02-10 春节（补假）',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-05-03 劳动节（补假）',
      '2027-05-04 劳动节（补假）',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
      '2027-10-04 国庆节（补假）',
      '2027-10-05 国庆节（补假）',
    ]);
    // The banner shows on whichever year the page is on.
    expect((await calendarOf(2026)).nextYearWarning).toEqual({ year: 2027, schedule: 'provisional' });

    for (const admin of [calendarAdmin, t.admin]) {
      const [notice, ...more] = await notices(admin);
      expect(more).toEqual([]);
      expect(notice).toMatchObject({ title: '2027 年节假日安排尚未录入', link: '/admin/calendar?year=2027' });
      expect(notice!.body).toContain('暂定');
    }
    expect(await notices(employee)).toEqual([]);
    // The notice also went to the outbox, for the webhook subscribed to it.
    const deliveries = await t.database.db
      .selectFrom('deliveries')
      .select(['channel', 'status'])
      .where('kind', '=', 'system.calendar_next_year')
      .execute();
    expect(deliveries).toEqual([{ channel: 'webhook', status: 'pending' }]);

    expect(await auditActions('calendar.provisional.filled')).toEqual([
      expect.objectContaining({
        targetId: '2027',
        summary: expect.objectContaining({ year: 2027, kept: 0 }),
      }),
    ]);
    expect(await auditActions('calendar.reminder.sent')).toEqual([
      expect.objectContaining({ summary: { year: 2027, schedule: 'provisional', recipients: 2 } }),
    ]);
  });

  it('does it once: later runs change nothing', async () => {
    await at('2026-11-02T09:30');
    await t.services.jobs.runDue();
    expect(await t.services.calendarYears.sweep()).toEqual({ filled: [], reminded: null });
    expect(await notices(calendarAdmin)).toHaveLength(1);
    expect(await auditActions('calendar.provisional.filled')).toHaveLength(1);
    expect((await calendarOf(2027)).days).toHaveLength(19);
  });

  it('computes deadlines across New Year and 春节 2027 with the provisional holidays', async () => {
    // 1 January 2027 (Friday) is 元旦: Thursday 17:00 + 2 h is Monday 4 January 10:00.
    expect(await deadline('2026-12-31T17:00', 2)).toBe(sh('2027-01-04T10:00'));
    // 除夕 Friday 5 February to 初三 Monday 8th, and the two weekend days given back on 9–10:
    // Thursday 4 February 17:00 + 2 h is Thursday 11 February 10:00.
    expect(await deadline('2027-02-04T17:00', 2)).toBe(sh('2027-02-11T10:00'));

    // A request's 24-working-hour response deadline, raised before each holiday.
    await at('2026-12-30T10:00');
    // Wednesday 7 h, Thursday 8, 元旦 off, Monday 8, Tuesday 1.
    expect((await raiseRequest('年终合同审核')).responseDueAt).toBe(sh('2027-01-05T10:00'));
    await at('2027-02-04T10:00');
    // Thursday 7 h, 5–10 February off, Thursday 11th 8, Friday 12th 8, Monday 15th 1.
    expect((await raiseRequest('春节期间供应商合同')).responseDueAt).toBe(sh('2027-02-15T10:00'));
  });

  it('lets an administrator correct one provisional day, which is then no longer provisional', async () => {
    await at('2026-11-03T10:00');
    const res = await t.request(t.adminSession, 'PUT', '/api/calendar/days/2027-02-10', {
      kind: 'holiday',
      name: '春节',
    });
    expect(res.status).toBe(200);
    const next = await calendarOf(2027);
    expect(next.schedule).toBe('provisional');
    expect(next.days.find((d) => d.date === '2027-02-10')).toEqual({
      date: '2027-02-10',
      kind: 'holiday',
      name: '春节',
      provisional: false,
    });
  });
});

describe('the official arrangement', () => {
  /** The shape of a published feed: all-day events with DTEND, DURATION, and 上班 days. */
  const OFFICIAL_2027 = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'SUMMARY:元旦假期',
    'DTSTART;VALUE=DATE:20270101',
    'DTEND;VALUE=DATE:20270104',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'SUMMARY:春节假期',
    'DTSTART;VALUE=DATE:20270205',
    'DURATION:P9D',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'SUMMARY:上班(补春节假期)',
    'DTSTART;VALUE=DATE:20270220',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

  it('replaces the provisional days wholesale when it is imported', async () => {
    await at('2026-11-10T10:00');
    const res = await t.request(t.adminSession, 'POST', '/api/calendar/import', { ics: OFFICIAL_2027 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ years: [2027], replacedProvisional: [2027] });

    const next = await calendarOf(2027);
    expect(next.schedule).toBe('official');
    expect(next.nextYearWarning).toBeNull();
    // Only what the file says, and the day an administrator set by hand: no provisional day is left
    // (清明, 劳动节 … come with the rest of the notice).
    expect(next.days.filter((d) => d.provisional)).toEqual([]);
    expect(next.days.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2027-01-01 holiday',
      '2027-01-02 holiday',
      '2027-01-03 holiday',
      ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d} holiday`),
      '2027-02-20 workday',
    ]);
    // The worked Saturday counts: Friday 19 February 17:00 + 2 h is Saturday 20th 10:00.
    expect(await deadline('2027-02-19T17:00', 2)).toBe(sh('2027-02-20T10:00'));
    // 清明 (5 April) was provisional and the file does not have it: a working day now.
    expect(await deadline('2027-04-02T17:00', 2)).toBe(sh('2027-04-05T10:00'));

    // Nothing fills or warns about an official year again.
    await at('2026-12-01T09:30');
    expect(await t.services.calendarYears.sweep()).toEqual({ filled: [], reminded: null });
    expect((await calendarOf(2027)).schedule).toBe('official');
    expect(await notices(calendarAdmin)).toHaveLength(1);
  });

  it('replaces the provisional days when an administrator enters the arrangement by hand', async () => {
    await at('2027-11-01T09:30');
    expect(await t.services.calendarYears.sweep()).toEqual({ filled: [2028], reminded: 2028 });
    expect((await calendarOf(2028)).schedule).toBe('provisional');
    expect((await notices(calendarAdmin)).map((n) => n.title)).toContain('2028 年节假日安排尚未录入');

    const bad = await t.request(t.adminSession, 'PUT', '/api/calendar/years/2028', {
      days: [{ date: '2029-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await calendarOf(2028)).schedule).toBe('provisional');

    const res = await t.request(t.adminSession, 'PUT', '/api/calendar/years/2028', {
      days: [
        { date: '2028-01-01', kind: 'holiday', name: '元旦' },
        { date: '2028-01-24', kind: 'holiday', name: '春节' },
        { date: '2028-02-05', kind: 'workday', name: '春节调休上班' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.schedule).toBe('official');
    expect(res.body.nextYearWarning).toBeNull();
    expect(res.body.days).toEqual([
      { date: '2028-01-01', kind: 'holiday', name: '元旦', provisional: false },
      { date: '2028-01-24', kind: 'holiday', name: '春节', provisional: false },
      { date: '2028-02-05', kind: 'workday', name: '春节调休上班', provisional: false },
    ]);
    const [entry] = await auditActions('calendar.year.replaced');
    expect(entry!.summary).toMatchObject({ year: 2028, schedule: { from: 'provisional', to: 'official' } });
  });
});

describe('at start-up', () => {
  it('fills a current year that has nothing, keeping the days an administrator set', async () => {
    await at('2029-03-01T08:00');
    await t.request(t.adminSession, 'PUT', '/api/calendar/days/2029-06-01', {
      kind: 'holiday',
      name: '公司司庆',
    });
    expect((await calendarOf(2029)).schedule).toBe('none');
    await prepare(t.database, t.services, { adminPassword: null });
    const year = await calendarOf(2029);
    expect(year.schedule).toBe('provisional');
    expect(year.days.find((d) => d.date === '2029-06-01')).toMatchObject({
      name: '公司司庆',
      provisional: false,
    });
    expect(year.days.find((d) => d.date === '2029-02-13')).toMatchObject({ name: '春节', provisional: true });
    expect((await calendarOf(2030)).schedule).toBe('none');
    // Run again (another node starting): nothing more.
    await prepare(t.database, t.services, { adminPassword: null });
    expect((await calendarOf(2029)).days).toHaveLength(year.days.length);
  });

  it('fills next year too from 1 November, and leaves the warning to the morning job', async () => {
    await at('2029-11-05T20:00');
    const before = (await notices(calendarAdmin)).length;
    await prepare(t.database, t.services, { adminPassword: null });
    expect((await calendarOf(2030)).schedule).toBe('provisional');
    expect(await notices(calendarAdmin)).toHaveLength(before);
    expect(await t.services.calendarYears.sweep()).toEqual({ filled: [], reminded: 2030 });
    expect(await notices(calendarAdmin)).toHaveLength(before + 1);
  });

  it('does not fill again a year whose provisional days an administrator deleted', async () => {
    await at('2029-11-06T10:00');
    for (const day of (await calendarOf(2029)).days.filter((d) => d.provisional)) {
      expect((await t.request(t.adminSession, 'DELETE', `/api/calendar/days/${day.date}`)).status).toBe(204);
    }
    await t.services.calendarYears.sweep();
    await prepare(t.database, t.services, { adminPassword: null });
    const year = await calendarOf(2029);
    expect(year.days.map((d) => d.date)).toEqual(['2029-06-01']);
    expect(year.schedule).toBe('none');
  });
});
