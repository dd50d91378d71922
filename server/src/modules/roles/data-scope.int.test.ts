import type { Department } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { readXlsx } from '../../../test/xlsx.ts';
import { readerOf } from '../channels/channel-access.ts';
import { seedDemo } from '../demo/demo.seed.ts';

/**
 * The data-scope walk: every GET route, called by a department head of the demo company with no
 * optional filter, must show nothing outside his scope — no item of another department, nobody
 * else's private item. Each route is classified here by hand, like the authorisation matrix: a
 * new GET route fails this suite until someone decides which kind it is and, for a list, what
 * "inside the scope" means for its items.
 */

/** What the walk knows about the caller (and the data it needs to call routes with ids). */
interface Viewer {
  username: string;
  id: string;
  /** The head's department and everything below it. */
  departmentIds: Set<string>;
  departmentNames: Set<string>;
  teamIds: Set<string>;
  channelIds: Set<string>;
  /** A channel the head belongs to, and one he does not. */
  ownChannelId: string;
  foreignChannelId: string;
  /** A published announcement to everyone (read, not acknowledged) and one to be acknowledged, neither his. */
  announcementId: string;
  ackAnnouncementId: string;
}

// biome-ignore lint/suspicious/noExplicitAny: items are checked field by field, per route
type Item = any;

interface ListCall {
  /** The URL with no optional filter; a mode (`view`, `box`, `which`) or a required parameter only. */
  url: (v: Viewer) => string;
  items: (reply: { body: Item; raw: Buffer }) => Item[] | Promise<Item[]>;
  /** Whether one item lies inside the viewer's scope. */
  allowed: (item: Item, v: Viewer) => boolean | Promise<boolean>;
  /**
   * The company-wide view of the same call (as the administrator) contains an item outside the
   * viewer's scope, so the assertion above is not vacuous: the demo company could leak here.
   */
  wider?: true;
  /** The viewer sees at least one item here, so an empty answer cannot pass for a scoped one. */
  sees?: true;
}

type Rule =
  /** A single record, a file, a setting or a computation: access is checked on the record itself. */
  | { kind: 'not-a-list'; why: string }
  /** A directory every insider reads in full, by design. */
  | { kind: 'company-wide'; why: string }
  /** The department head holds no permission for it: it must answer 403. */
  | { kind: 'refused' }
  | {
      kind: 'list';
      calls: ListCall[];
      /** A parent record outside the viewer's reach: the list below it must be refused (403/404). */
      refusedUnder?: (v: Viewer) => string;
    };

const inDepartments = (departmentId: string | null | undefined, v: Viewer) =>
  departmentId !== null && departmentId !== undefined && v.departmentIds.has(departmentId);

const page = ({ body }: { body: Item }) => body.items as Item[];

let t: TestApp;

const dbRow = {
  async notificationOwner(id: string) {
    const row = await t.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.user_id;
  },
  async sessionOwner(id: string) {
    const row = await t.database.db
      .selectFrom('sessions')
      .select('user_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.user_id;
  },
  async tokenOwner(id: string) {
    const row = await t.database.db
      .selectFrom('api_tokens')
      .select('user_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.user_id;
  },
  /** Whether the user asked for, decides on, stands in for or was copied on an approval request. */
  async approvalParticipant(requestId: string, userId: string) {
    const db = t.database.db;
    const requester = await db
      .selectFrom('approval_requests')
      .select('requester_id')
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (requester?.requester_id === userId) return true;
    const assignee = await db
      .selectFrom('approval_assignees')
      .innerJoin('approval_steps', 'approval_steps.id', 'approval_assignees.step_id')
      .select('approval_assignees.user_id')
      .where('approval_steps.request_id', '=', requestId)
      .where((eb) =>
        eb.or([
          eb('approval_assignees.user_id', '=', userId),
          eb('approval_assignees.on_behalf_of', '=', userId),
        ]),
      )
      .executeTakeFirst();
    return assignee !== undefined;
  },
};

const taskAllowed = (task: Item, v: Viewer) =>
  inDepartments(task.department?.id, v) ||
  task.creator.id === v.id ||
  task.assignee?.id === v.id ||
  task.collaborators.some((c: Item) => c.id === v.id) ||
  (task.team !== null && v.teamIds.has(task.team.id));

const requestAllowed = (r: Item, v: Viewer) =>
  inDepartments(r.fromDepartment.id, v) ||
  inDepartments(r.toDepartment.id, v) ||
  r.raisedBy.id === v.id ||
  r.handler?.id === v.id;

const YEAR_START = '2026-01-01T00:00:00.000Z';
const FAR_FUTURE = '2100-01-01T00:00:00.000Z';
const thisMonth = () => new Date().toISOString().slice(0, 7);

const RULES: Record<string, Rule> = {
  'GET /api/health': { kind: 'not-a-list', why: 'health probe' },
  'GET /metrics': { kind: 'not-a-list', why: 'process counters' },
  'GET /api/docs': { kind: 'not-a-list', why: 'the OpenAPI document' },
  'GET /api/ws': { kind: 'not-a-list', why: 'the WebSocket upgrade' },
  'GET /api/auth/me': { kind: 'not-a-list', why: 'the caller himself' },
  'GET /api/profile': { kind: 'not-a-list', why: 'the caller himself' },
  'GET /api/auth/sessions': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/auth/sessions',
        items: page,
        allowed: async (s, v) => (await dbRow.sessionOwner(s.id)) === v.id,
      },
    ],
  },
  'GET /api/auth/tokens': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/auth/tokens',
        items: page,
        allowed: async (token, v) => (await dbRow.tokenOwner(token.id)) === v.id,
      },
    ],
  },
  'GET /api/users': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/users',
        items: page,
        allowed: (u, v) => inDepartments(u.department?.id, v) || u.id === v.id,
        wider: true,
        sees: true,
      },
    ],
  },
  'GET /api/users/export': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/users/export',
        // Header row first; the department is the third column.
        items: async ({ raw }) => (await readXlsx(raw)).rows.slice(1),
        allowed: (row, v) => v.departmentNames.has(row[2]) || row[1] === v.username,
        wider: true,
        sees: true,
      },
    ],
  },
  'GET /api/users/:id': { kind: 'not-a-list', why: 'one user, checked against user.read scope' },
  'GET /api/users/:id/personal': { kind: 'refused' },
  'GET /api/users/:id/sign-in-throttle': { kind: 'refused' },
  'GET /api/directory/people': { kind: 'company-wide', why: 'the company directory (通讯录)' },
  'GET /api/departments': { kind: 'company-wide', why: 'the department tree' },
  'GET /api/departments/:id': { kind: 'not-a-list', why: 'one department of the public tree' },
  'GET /api/teams': { kind: 'company-wide', why: 'teams and project groups are part of the directory' },
  'GET /api/teams/:id': { kind: 'not-a-list', why: 'one team of the directory' },
  'GET /api/roles': { kind: 'refused' },
  'GET /api/roles/:id': { kind: 'refused' },
  'GET /api/audit': { kind: 'refused' },
  'GET /api/audit/verify': { kind: 'refused' },
  'GET /api/audit/export': { kind: 'refused' },
  'GET /api/counterparties': {
    kind: 'company-wide',
    why: 'counterparty.read is unscoped: the organisations the company deals with',
  },
  'GET /api/counterparties/:id': { kind: 'not-a-list', why: 'one counterparty' },
  'GET /api/counterparties/:id/contacts': {
    kind: 'company-wide',
    why: 'the contacts of a counterparty, readable with counterparty.read',
  },
  'GET /api/channels': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/channels',
        items: page,
        allowed: (c, v) => c.isMember === true && v.channelIds.has(c.id),
        sees: true,
      },
    ],
  },
  'GET /api/channels/naming-rules': { kind: 'not-a-list', why: 'a company setting' },
  'GET /api/channels/:id': { kind: 'not-a-list', why: 'one channel, refused to non-members' },
  'GET /api/channels/:id/members': {
    kind: 'list',
    calls: [
      {
        url: (v) => `/api/channels/${v.ownChannelId}/members`,
        items: page,
        allowed: () => true,
      },
    ],
    refusedUnder: (v) => `/api/channels/${v.foreignChannelId}/members`,
  },
  'GET /api/channels/:id/messages': {
    kind: 'list',
    calls: [
      {
        url: (v) => `/api/channels/${v.ownChannelId}/messages`,
        items: page,
        allowed: (m, v) => m.channelId === v.ownChannelId,
      },
    ],
    refusedUnder: (v) => `/api/channels/${v.foreignChannelId}/messages`,
  },
  'GET /api/channels/:id/messages/:messageId': {
    kind: 'not-a-list',
    why: 'one message of a readable channel',
  },
  'GET /api/channels/:id/messages/:messageId/history': { kind: 'refused' },
  'GET /api/channels/:id/held': {
    kind: 'list',
    calls: [
      {
        url: (v) => `/api/channels/${v.ownChannelId}/held`,
        items: page,
        // The sender's own held messages; the repository reads them by author.
        allowed: (h, v) => h.channelId === v.ownChannelId,
      },
    ],
    refusedUnder: (v) => `/api/channels/${v.foreignChannelId}/held`,
  },
  'GET /api/attachments/:id': { kind: 'not-a-list', why: 'one file of a readable message' },
  'GET /api/search/messages': {
    kind: 'list',
    calls: [
      {
        url: () => `/api/search/messages?q=${encodeURIComponent('合同')}`,
        items: page,
        allowed: (hit, v) => v.channelIds.has(hit.channel.id),
        wider: true,
      },
    ],
  },
  'GET /api/retention/policies': { kind: 'refused' },
  'GET /api/retention/holds': { kind: 'refused' },
  'GET /api/archives': { kind: 'refused' },
  'GET /api/archives/:id/download': { kind: 'refused' },
  'GET /api/control/detectors': { kind: 'refused' },
  'GET /api/control/policies': { kind: 'refused' },
  'GET /api/control/policies/:id': { kind: 'refused' },
  'GET /api/control/events': { kind: 'refused' },
  'GET /api/control/events/:id': { kind: 'refused' },
  'GET /api/control/records': { kind: 'refused' },
  'GET /api/control/records/export': { kind: 'refused' },
  'GET /api/control/alerts': { kind: 'refused' },
  'GET /api/calendar': { kind: 'not-a-list', why: 'the company calendar of a year' },
  'GET /api/calendar/ical': { kind: 'not-a-list', why: 'the company calendar as iCalendar' },
  'GET /api/calendar/working-time': { kind: 'not-a-list', why: 'a computation on the calendar' },
  'GET /api/notifications': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/notifications',
        items: page,
        allowed: async (n, v) => (await dbRow.notificationOwner(n.id)) === v.id,
      },
    ],
  },
  'GET /api/notifications/unread-count': { kind: 'not-a-list', why: 'the caller’s own count' },
  'GET /api/notifications/preferences': { kind: 'not-a-list', why: 'the caller’s own settings' },
  'GET /api/notifications/webhooks': { kind: 'refused' },
  'GET /api/notifications/deliveries': { kind: 'refused' },
  'GET /api/tasks': {
    kind: 'list',
    calls: [
      { url: () => '/api/tasks', items: page, allowed: taskAllowed },
      { url: () => '/api/tasks?view=created', items: page, allowed: taskAllowed },
      { url: () => '/api/tasks?view=team', items: page, allowed: taskAllowed },
      { url: () => '/api/tasks?view=department', items: page, allowed: taskAllowed, wider: true },
      { url: () => '/api/tasks?view=all', items: page, allowed: taskAllowed, wider: true },
    ],
  },
  'GET /api/tasks/:id': { kind: 'not-a-list', why: 'one task, checked against task.read scope' },
  'GET /api/tasks/:id/files/:fileId': { kind: 'not-a-list', why: 'one file of a visible task' },
  'GET /api/requests': {
    kind: 'list',
    calls: [
      { url: () => '/api/requests', items: page, allowed: requestAllowed },
      { url: () => '/api/requests?box=outgoing', items: page, allowed: requestAllowed },
      { url: () => '/api/requests?box=all', items: page, allowed: requestAllowed, wider: true },
    ],
  },
  'GET /api/requests/report': {
    kind: 'list',
    calls: [
      {
        url: () => `/api/requests/report?from=${YEAR_START}&to=${FAR_FUTURE}`,
        items: ({ body }) => body.rows,
        allowed: (row, v) => inDepartments(row.department.id, v),
        wider: true,
      },
    ],
  },
  'GET /api/requests/settings': { kind: 'not-a-list', why: 'a company setting' },
  'GET /api/requests/:id': { kind: 'not-a-list', why: 'one request, checked against request.read scope' },
  'GET /api/approvals': {
    kind: 'list',
    calls: ['todo', 'mine', 'done'].map(
      (box): ListCall => ({
        url: () => `/api/approvals?box=${box}`,
        items: page,
        allowed: (a, v) => dbRow.approvalParticipant(a.id, v.id),
      }),
    ),
  },
  'GET /api/approvals/templates': { kind: 'refused' },
  'GET /api/approvals/delegations': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/approvals/delegations',
        items: page,
        allowed: (d, v) => d.from.id === v.id || d.to.id === v.id,
      },
    ],
  },
  'GET /api/approvals/:id': { kind: 'not-a-list', why: 'one approval, for its participants' },
  'GET /api/announcements/categories': { kind: 'company-wide', why: 'the categories of announcements' },
  'GET /api/announcements': {
    kind: 'list',
    calls: [
      {
        url: () => '/api/announcements',
        items: page,
        allowed: (a) => a.me.recipient === true,
      },
      {
        url: () => '/api/announcements?view=managed',
        items: page,
        allowed: (a, v) =>
          inDepartments(a.publishingDepartment.id, v) || a.createdBy.id === v.id || a.owner.id === v.id,
        wider: true,
      },
    ],
  },
  'GET /api/announcements/kpi/on-time': {
    kind: 'list',
    calls: [
      {
        url: () => `/api/announcements/kpi/on-time?from=${thisMonth()}&to=${thisMonth()}`,
        items: ({ body }) => body.departments,
        allowed: (row, v) => inDepartments(row.department.id, v),
        wider: true,
      },
    ],
  },
  'GET /api/announcements/:id': { kind: 'not-a-list', why: 'one announcement, for its readers and managers' },
  'GET /api/announcements/:id/stats': {
    kind: 'list',
    calls: [
      {
        url: (v) => `/api/announcements/${v.announcementId}/stats`,
        items: ({ body }) => body.departments,
        allowed: (row, v) => inDepartments(row.department?.id, v),
        wider: true,
        sees: true,
      },
    ],
  },
  'GET /api/announcements/:id/not-read': {
    kind: 'list',
    calls: [
      {
        url: (v) => `/api/announcements/${v.announcementId}/not-read`,
        items: page,
        allowed: (row, v) => inDepartments(row.department?.id, v),
        wider: true,
        sees: true,
      },
      {
        url: (v) => `/api/announcements/${v.ackAnnouncementId}/not-read?which=unacknowledged`,
        items: page,
        allowed: (row, v) => inDepartments(row.department?.id, v),
        wider: true,
        sees: true,
      },
    ],
  },
  'GET /api/announcements/:id/files/:fileId': {
    kind: 'not-a-list',
    why: 'one file of a visible announcement',
  },
};

/** Department heads of a leaf department and of a department with sub-departments. */
const HEADS = ['liu.yang', 'lin.feng'];
const viewers = new Map<string, { viewer: Viewer; as: As }>();

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemo(t.services, t.database)).toBe(true);
  const departments = await t.services.departments.list();
  const announcements = await t.services.announcements.list(t.adminCtx, {
    view: 'managed',
    page: 1,
    pageSize: 50,
  });
  const published = (title: string) => announcements.items.find((a) => a.title === title)!.id;
  const allChannels = await t.services.channels.list(t.adminCtx, true, 'all');
  for (const username of HEADS) {
    const user = (await t.services.users.findByUsername(t.database.db, username))!;
    const ctx = await t.ctxFor(user);
    const subtree = descendants(departments, user.department_id!);
    const channelIds = new Set(await t.services.channels.memberChannelIds(readerOf(ctx.actor)));
    const teams = await t.database.db
      .selectFrom('team_members')
      .select('team_id')
      .where('user_id', '=', user.id)
      .execute();
    const ownChannel = allChannels.find((c) => c.kind === 'department' && channelIds.has(c.id))!;
    const foreignChannel = allChannels.find((c) => !channelIds.has(c.id))!;
    viewers.set(username, {
      as: await t.sessionFor(user),
      viewer: {
        username,
        id: user.id,
        departmentIds: new Set(subtree.map((d) => d.id)),
        departmentNames: new Set(subtree.map((d) => d.name)),
        teamIds: new Set(teams.map((m) => m.team_id)),
        channelIds,
        ownChannelId: ownChannel.id,
        foreignChannelId: foreignChannel.id,
        announcementId: published('公司年会时间确定'),
        ackAnnouncementId: published('关于年度体检安排的通知'),
      },
    });
  }
}, 120_000);

afterAll(() => t.close());

function descendants(all: Department[], rootId: string): Department[] {
  const out = all.filter((d) => d.id === rootId);
  for (let i = 0; i < out.length; i += 1) out.push(...all.filter((d) => d.parentId === out[i]!.id));
  return out;
}

async function call(as: As, url: string) {
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: as?.kind === 'session' ? { cookie: `liaison_session=${as.token}` } : {},
  });
  const raw = res.rawPayload;
  const json = res.headers['content-type']?.toString().startsWith('application/json');
  return { status: res.statusCode, body: json ? JSON.parse(res.body) : null, raw, text: res.body };
}

describe('data scope of every list', () => {
  it('classifies every GET route', () => {
    const registered = t.routes
      .filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs/'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(RULES).sort());
  });

  for (const username of HEADS) {
    it(`shows the department head ${username} nothing outside his scope, with no filter`, async () => {
      const { viewer, as } = viewers.get(username)!;
      for (const [route, rule] of Object.entries(RULES)) {
        if (rule.kind === 'refused') {
          const url = route.slice(4).replace(/:[a-zA-Z]+/g, '00000000-0000-7000-8000-000000000000');
          expect((await call(as, url)).status, `${username} → ${route}`).toBe(403);
          continue;
        }
        if (rule.kind !== 'list') continue;
        if (rule.refusedUnder) {
          const res = await call(as, rule.refusedUnder(viewer));
          expect([403, 404], `${username} → ${route} under a foreign record`).toContain(res.status);
        }
        for (const c of rule.calls) {
          const url = c.url(viewer);
          const res = await call(as, url);
          expect(res.status, `${username} → ${url}: ${res.text.slice(0, 200)}`).toBe(200);
          const items = await c.items(res);
          if (c.sees) expect(items.length, `${username} → ${url} shows his own scope`).toBeGreaterThan(0);
          const outside = [];
          for (const item of items) {
            if (!(await c.allowed(item, viewer))) outside.push(item);
          }
          expect(outside, `${username} → ${url} shows items outside his scope`).toEqual([]);
        }
      }
    });
  }

  it('has, for every scoped list, an item outside the heads’ scope in the company-wide view', async () => {
    for (const [route, rule] of Object.entries(RULES)) {
      if (rule.kind !== 'list') continue;
      for (const c of rule.calls.filter((x) => x.wider)) {
        for (const { viewer } of viewers.values()) {
          const res = await call(t.adminSession, c.url(viewer));
          expect(res.status, `admin → ${route}`).toBe(200);
          let foreign = 0;
          for (const item of await c.items(res)) if (!(await c.allowed(item, viewer))) foreign += 1;
          expect(
            foreign,
            `admin → ${c.url(viewer)} has something outside ${viewer.username}'s scope`,
          ).toBeGreaterThan(0);
        }
      }
    }
  });
});
