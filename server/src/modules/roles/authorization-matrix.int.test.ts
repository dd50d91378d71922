import { randomUUID } from 'node:crypto';
import { BUILT_IN_ROLE_KEYS, type BuiltInRoleKey } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';

const ADMIN = ['system_admin'] as const;
const READ_USERS = [
  'system_admin',
  'senior_leadership',
  'department_head',
  'compliance_officer',
  'hr',
] as const;
const MANAGE_USERS = ['system_admin', 'hr'] as const;
const DIRECTORY = BUILT_IN_ROLE_KEYS.filter((k) => k !== 'external_user');
const TEAMS = ['system_admin', 'department_head', 'hr'] as const;
const AUDIT = ['system_admin', 'compliance_officer'] as const;
const ROLES = ['system_admin', 'compliance_officer'] as const;
const MESSAGING = BUILT_IN_ROLE_KEYS;
const COMPLIANCE = ['system_admin', 'compliance_officer'] as const;
const COUNTERPARTY_READERS = [
  'system_admin',
  'senior_leadership',
  'department_head',
  'liaison',
  'compliance_officer',
] as const;
const COUNTERPARTY_MANAGERS = ['system_admin', 'liaison'] as const;
const INTERNAL = BUILT_IN_ROLE_KEYS.filter((k) => k !== 'external_user');
const REQUEST_READERS = ['system_admin', 'senior_leadership', 'department_head', 'liaison'] as const;
const CALENDAR = ADMIN;
const NOTIFICATION_ADMIN = ADMIN;
const READERS = BUILT_IN_ROLE_KEYS;
const PUBLISHERS = ['system_admin', 'senior_leadership', 'department_head', 'liaison', 'hr'] as const;
const PUBLISHING_STATS = ['system_admin', 'senior_leadership', 'department_head', 'hr'] as const;
const PUBLISHING_ADMIN = ['system_admin', 'hr'] as const;
const APPROVERS = INTERNAL;

/**
 * Who may call every route, written out by hand. `public` needs no sign-in; `signed-in` is any
 * account; a list names the built-in roles that pass. A route missing here fails the suite, so a
 * new route cannot ship without a decision about who may use it.
 */
const EXPECTED: Record<string, 'public' | 'signed-in' | readonly BuiltInRoleKey[]> = {
  'GET /api/health': 'public',
  'GET /metrics': 'public',
  'GET /api/docs': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed-in',
  'POST /api/auth/logout-all': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'POST /api/auth/password': 'signed-in',
  'GET /api/auth/sessions': 'signed-in',
  'DELETE /api/auth/sessions/:id': 'signed-in',
  'GET /api/auth/tokens': DIRECTORY,
  'POST /api/auth/tokens': DIRECTORY,
  'DELETE /api/auth/tokens/:id': DIRECTORY,
  'GET /api/profile': 'signed-in',
  'PATCH /api/profile': 'signed-in',
  'GET /api/users': READ_USERS,
  'GET /api/users/export': READ_USERS,
  'POST /api/users': MANAGE_USERS,
  'GET /api/users/:id': READ_USERS,
  'PATCH /api/users/:id': MANAGE_USERS,
  'DELETE /api/users/:id': MANAGE_USERS,
  'POST /api/users/:id/reset-password': MANAGE_USERS,
  'GET /api/users/:id/sign-in-throttle': MANAGE_USERS,
  'DELETE /api/users/:id/sign-in-throttle': MANAGE_USERS,
  'PUT /api/users/:id/roles': ADMIN,
  'GET /api/users/:id/personal': ['system_admin', 'hr'],
  'PATCH /api/users/:id/personal': ['system_admin', 'hr'],
  'GET /api/departments': DIRECTORY,
  'POST /api/departments': ['system_admin', 'hr'],
  'GET /api/departments/:id': DIRECTORY,
  'PATCH /api/departments/:id': ['system_admin', 'hr'],
  'DELETE /api/departments/:id': ['system_admin', 'hr'],
  'GET /api/teams': DIRECTORY,
  'POST /api/teams': TEAMS,
  'GET /api/teams/:id': DIRECTORY,
  'PATCH /api/teams/:id': TEAMS,
  'DELETE /api/teams/:id': TEAMS,
  'POST /api/teams/:id/members': TEAMS,
  'DELETE /api/teams/:id/members/:userId': TEAMS,
  'GET /api/roles': ROLES,
  'POST /api/roles': ADMIN,
  'GET /api/roles/:id': ROLES,
  'PATCH /api/roles/:id': ADMIN,
  'DELETE /api/roles/:id': ADMIN,
  'GET /api/audit': AUDIT,
  'GET /api/audit/verify': AUDIT,
  'GET /api/audit/export': AUDIT,
  'GET /api/counterparties': COUNTERPARTY_READERS,
  'POST /api/counterparties': COUNTERPARTY_MANAGERS,
  'GET /api/counterparties/:id': COUNTERPARTY_READERS,
  'GET /api/counterparties/:id/contacts': COUNTERPARTY_READERS,
  'GET /api/directory/people': DIRECTORY,
  'PATCH /api/counterparties/:id': COUNTERPARTY_MANAGERS,
  'GET /api/channels': MESSAGING,
  'POST /api/channels': MESSAGING,
  'GET /api/channels/naming-rules': MESSAGING,
  // channel.manage at company-wide scope: department heads hold it for their department only.
  'PUT /api/channels/naming-rules': ADMIN,
  'GET /api/channels/:id': MESSAGING,
  'PATCH /api/channels/:id': MESSAGING,
  'POST /api/channels/:id/archive': MESSAGING,
  'GET /api/channels/:id/members': MESSAGING,
  'POST /api/channels/:id/members': MESSAGING,
  'DELETE /api/channels/:id/members/:userId': MESSAGING,
  'POST /api/channels/:id/read': MESSAGING,
  'GET /api/channels/:id/messages': MESSAGING,
  'POST /api/channels/:id/messages': MESSAGING,
  'GET /api/channels/:id/messages/:messageId': MESSAGING,
  'PATCH /api/channels/:id/messages/:messageId': MESSAGING,
  'DELETE /api/channels/:id/messages/:messageId': MESSAGING,
  'POST /api/channels/:id/messages/:messageId/pin': MESSAGING,
  'GET /api/channels/:id/messages/:messageId/history': COMPLIANCE,
  'POST /api/channels/:id/attachments': MESSAGING,
  'GET /api/attachments/:id': MESSAGING,
  'GET /api/search/messages': MESSAGING,
  // Open at the HTTP level so refusals arrive as WebSocket close codes; the handler authenticates.
  'GET /api/ws': 'public',
  'GET /api/retention/policies': COMPLIANCE,
  'PUT /api/retention/policies/:kind': COMPLIANCE,
  'GET /api/retention/holds': COMPLIANCE,
  'POST /api/retention/holds': COMPLIANCE,
  'POST /api/retention/holds/:id/release': COMPLIANCE,
  'GET /api/archives': COMPLIANCE,
  'POST /api/archives': COMPLIANCE,
  'GET /api/archives/:id/download': COMPLIANCE,
  'GET /api/control/detectors': COMPLIANCE,
  'POST /api/control/detectors': COMPLIANCE,
  'PUT /api/control/detectors/:id': COMPLIANCE,
  'DELETE /api/control/detectors/:id': COMPLIANCE,
  'GET /api/control/policies': COMPLIANCE,
  'GET /api/control/policies/:id': COMPLIANCE,
  'POST /api/control/policies': COMPLIANCE,
  'PUT /api/control/policies/:id': COMPLIANCE,
  'DELETE /api/control/policies/:id': COMPLIANCE,
  'POST /api/control/test': COMPLIANCE,
  'GET /api/control/events': COMPLIANCE,
  'GET /api/control/events/:id': COMPLIANCE,
  'POST /api/control/events/:id/decision': COMPLIANCE,
  'GET /api/control/records': COMPLIANCE,
  'GET /api/control/records/export': COMPLIANCE,
  'GET /api/control/alerts': COMPLIANCE,
  'POST /api/control/alerts/:id/acknowledge': COMPLIANCE,
  'GET /api/calendar': 'signed-in',
  'PUT /api/calendar/week': CALENDAR,
  'PUT /api/calendar/years/:year': CALENDAR,
  'PUT /api/calendar/days/:date': CALENDAR,
  'DELETE /api/calendar/days/:date': CALENDAR,
  'GET /api/calendar/ical': 'signed-in',
  'POST /api/calendar/import': CALENDAR,
  'GET /api/calendar/working-time': 'signed-in',
  'GET /api/notifications': 'signed-in',
  'GET /api/notifications/unread-count': 'signed-in',
  'POST /api/notifications/read': 'signed-in',
  'GET /api/notifications/preferences': 'signed-in',
  'PUT /api/notifications/preferences': 'signed-in',
  'GET /api/notifications/webhooks': NOTIFICATION_ADMIN,
  'POST /api/notifications/webhooks': NOTIFICATION_ADMIN,
  'PATCH /api/notifications/webhooks/:id': NOTIFICATION_ADMIN,
  'DELETE /api/notifications/webhooks/:id': NOTIFICATION_ADMIN,
  'POST /api/notifications/webhooks/:id/test': NOTIFICATION_ADMIN,
  'GET /api/notifications/deliveries': NOTIFICATION_ADMIN,
  'POST /api/notifications/deliveries/:id/resend': NOTIFICATION_ADMIN,
  'GET /api/tasks': INTERNAL,
  'POST /api/tasks': INTERNAL,
  'GET /api/tasks/:id': INTERNAL,
  'PATCH /api/tasks/:id': INTERNAL,
  'POST /api/tasks/:id/replies': INTERNAL,
  'POST /api/tasks/:id/files': INTERNAL,
  'GET /api/tasks/:id/files/:fileId': INTERNAL,
  'GET /api/requests': INTERNAL,
  'POST /api/requests': INTERNAL,
  'GET /api/requests/report': REQUEST_READERS,
  'GET /api/requests/settings': 'signed-in',
  'PUT /api/requests/settings': CALENDAR,
  'GET /api/requests/:id': INTERNAL,
  'POST /api/requests/:id/replies': INTERNAL,
  'POST /api/requests/:id/assign': INTERNAL,
  'POST /api/requests/:id/resolve': INTERNAL,
  'POST /api/requests/:id/withdraw': INTERNAL,
  'GET /api/approvals': APPROVERS,
  'GET /api/approvals/templates': ADMIN,
  'PUT /api/approvals/templates/:subjectType': ADMIN,
  'GET /api/approvals/delegations': APPROVERS,
  'POST /api/approvals/delegations': APPROVERS,
  'DELETE /api/approvals/delegations/:id': APPROVERS,
  'GET /api/approvals/:id': APPROVERS,
  'POST /api/approvals/:id/decision': APPROVERS,
  'POST /api/approvals/:id/withdraw': APPROVERS,
  'GET /api/announcements/categories': READERS,
  'POST /api/announcements/categories': PUBLISHING_ADMIN,
  'PUT /api/announcements/categories/:id': PUBLISHING_ADMIN,
  'GET /api/announcements': READERS,
  'POST /api/announcements': PUBLISHERS,
  'POST /api/announcements/audience/preview': PUBLISHERS,
  'GET /api/announcements/kpi/on-time': PUBLISHING_STATS,
  'POST /api/announcements/files': PUBLISHERS,
  'GET /api/announcements/:id': READERS,
  'PATCH /api/announcements/:id': PUBLISHERS,
  'POST /api/announcements/:id/submit': PUBLISHERS,
  'POST /api/announcements/:id/correct': PUBLISHERS,
  'POST /api/announcements/:id/withdraw': PUBLISHERS,
  'POST /api/announcements/:id/read': READERS,
  'POST /api/announcements/:id/ack': READERS,
  'GET /api/announcements/:id/stats': READERS,
  'GET /api/announcements/:id/not-read': READERS,
  'POST /api/announcements/:id/remind': READERS,
  'GET /api/announcements/:id/files/:fileId': READERS,
  'GET /api/channels/:id/held': MESSAGING,
};

/** Routes that belong to the documentation plugin, not to the product's API. */
const isDocsAsset = (url: string) => url.startsWith('/api/docs/');

let t: TestApp;
const holders = new Map<BuiltInRoleKey, { id: string }>();

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.buildDepartment();
  for (const key of BUILT_IN_ROLE_KEYS) {
    const kind = key === 'external_user' ? 'external' : 'employee';
    const user = await t.buildUser({ kind, department: kind === 'external' ? null : department });
    // Exactly one role each, so the matrix shows what that role alone grants.
    const role = (await t.services.roles.list()).find((r) => r.key === key)!;
    await t.services.users.setRoles(t.adminCtx, user.id, [role.id]);
    holders.set(key, user);
  }
});

afterAll(() => t.close());

function fill(url: string): string {
  return url.replace(/:[a-zA-Z]+/g, () => randomUUID());
}

describe('authorisation matrix', () => {
  it('names every registered route', () => {
    const registered = t.routes
      .filter((r) => !isDocsAsset(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(EXPECTED).sort());
  });

  it('audits refusals as security events', async () => {
    const employee = holders.get('employee')!;
    await t.request(await t.sessionFor(employee), 'GET', '/api/audit');
    const denied = await t.services.audit.list({
      action: 'security.denied',
      actorId: employee.id,
      limit: 200,
    });
    expect(
      denied.items.some((e) => e.targetId === 'GET /api/audit' && e.summary.reason === 'permission'),
    ).toBe(true);
  });

  it('refuses every non-public route without credentials', async () => {
    for (const [key, rule] of Object.entries(EXPECTED)) {
      if (rule === 'public') continue;
      const [method, url] = key.split(' ') as ['GET', string];
      const res = await t.request(null, method, fill(url), method === 'GET' ? undefined : {});
      expect(res.status, key).toBe(401);
      expect(res.body.error.code, key).toBe('unauthenticated');
    }
  });

  for (const role of BUILT_IN_ROLE_KEYS) {
    it(`answers ${role} as the matrix says`, async () => {
      const user = holders.get(role)!;
      for (const [key, rule] of Object.entries(EXPECTED)) {
        const [method, url] = key.split(' ') as ['GET', string];
        // A fresh session per call: logout and logout-all are among the routes walked.
        const as: As = await t.sessionFor(user);
        const res = await t.request(as, method, fill(url), method === 'GET' ? undefined : {});
        const allowed = rule === 'public' || rule === 'signed-in' || rule.includes(role);
        if (allowed) {
          expect([401, 403], `${role} → ${key} (${res.status} ${res.text.slice(0, 120)})`).not.toContain(
            res.status,
          );
        } else {
          expect(res.status, `${role} → ${key}`).toBe(403);
          expect(res.body.error.code, `${role} → ${key}`).toBe('forbidden');
        }
      }
    });
  }
});
