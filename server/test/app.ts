import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltInRoleKey, Department, User } from '@liaison/contracts';
import { buildApp } from '../src/app.ts';
import type { ActorContext } from '../src/platform/auth/actor.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { RouteAccess } from '../src/platform/http/access-control.ts';
import type { App } from '../src/platform/http/server.ts';
import type { Services } from '../src/services.ts';
import { stopBackground } from '../src/services.ts';
import { prepare } from '../src/startup.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const TEST_PASSWORD = 'Test-password-2026';

export interface TestConfigOverrides {
  login?: { maxFailures: number; lockMinutes: number };
  session?: { idleMinutes: number; maxHours: number };
  bodyLimit?: number;
  /** Serve a built web client from this folder (default: API only). */
  webDist?: string;
  messaging?: Partial<{
    editWindowMinutes: number;
    attachmentMaxBytes: number;
    eventRetentionDays: number;
    eventPollMs: number;
  }>;
  notifications?: Partial<{ smtpUrl: string | null; mailFrom: string; publicUrl: string }>;
  /** Where the clock starts, for what start-up does by date (default: now). */
  now?: Date | string;
  /** LIAISON_TRUST_PROXY (default false). */
  trustProxy?: boolean | number | string[];
  /** LIAISON_PUBLIC_URL as configured (default: none, so browsers must be same-origin). */
  publicUrl?: string | null;
  /** LIAISON_METRICS_TOKEN (default: none, loopback only). */
  metricsToken?: string | null;
}

/** Who a request is sent as: a signed-in browser session, an API token, or nobody. */
export type As =
  | { kind: 'session'; token: string; csrfToken: string; userId: string }
  | { kind: 'token'; secret: string; userId: string }
  | null;

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

export interface TestApp {
  app: App;
  routes: RouteAccess[];
  services: Services;
  database: TestDatabase;
  clock: ManualClock;
  secretKey: Buffer;
  admin: User;
  adminSession: As;
  /** An audit context acting as the administrator, for arranging data through services. */
  adminCtx: ActorContext;
  buildDepartment(input?: { name?: string; parent?: Department | null }): Promise<Department>;
  buildUser(input?: {
    username?: string;
    displayName?: string;
    roles?: BuiltInRoleKey[];
    department?: Department | null;
    kind?: 'employee' | 'external';
    counterparty?: { id: string } | null;
  }): Promise<User>;
  sessionFor(user: { id: string }): Promise<As>;
  /** A service-level context acting as this user (for arranging data without HTTP). */
  ctxFor(user: { id: string }): Promise<ActorContext>;
  buildCounterparty(name?: string): Promise<{ id: string; name: string }>;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on response fields directly
  request<T = any>(
    as: As,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  close(): Promise<void>;
}

let counter = 0;

/** A complete app on a private database, with an administrator and factories for test data. */
export async function createTestApp(overrides: TestConfigOverrides = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new ManualClock(overrides.now ?? new Date());
  const secretKey = randomBytes(32);
  const config = {
    secretKey,
    session: overrides.session ?? { idleMinutes: 720, maxHours: 168 },
    login: overrides.login ?? { maxFailures: 5, lockMinutes: 15 },
    bodyLimit: overrides.bodyLimit ?? 1024 * 1024,
    trustProxy: overrides.trustProxy ?? false,
    cookieSecure: false,
    logLevel: 'silent' as const,
    timeZone: 'Asia/Shanghai',
    dataDir: mkdtempSync(join(tmpdir(), 'liaison-data-')),
    redisUrl: null,
    messaging: {
      editWindowMinutes: 60,
      attachmentMaxBytes: 1024 * 1024,
      eventRetentionDays: 7,
      eventPollMs: 1000,
      ...overrides.messaging,
    },
    adminPassword: TEST_PASSWORD,
    notifications: {
      smtpUrl: null,
      mailFrom: 'Liaison <liaison@test.local>',
      publicUrl: 'http://liaison.test',
      ...overrides.notifications,
    },
    publicUrl: overrides.publicUrl ?? null,
    metricsToken: overrides.metricsToken ?? null,
  };
  const { app, services, routes } = await buildApp({
    config,
    database,
    clock,
    webDist: overrides.webDist ?? false,
    // Every event a test causes is parsed against the clients' contract.
    infra: { validateEvents: true },
  });
  await prepare(database, services, config);
  await app.ready();

  const adminRow = (await services.users.findByUsername(database.db, 'admin'))!;
  const admin = await services.users.present(database.db, adminRow);
  const adminCtx: ActorContext = {
    actor: await services.auth.actorFor(admin.id),
    ip: '127.0.0.1',
    requestId: 'test',
    userAgent: 'vitest',
  };
  const roleIds = new Map((await services.roles.list()).map((r) => [r.key, r.id]));

  const sessionFor = async (user: { id: string }): Promise<As> => {
    const s = await services.auth.issueSession(user.id);
    return { kind: 'session', token: s.token, csrfToken: s.csrfToken, userId: user.id };
  };

  const t: TestApp = {
    app,
    routes,
    services,
    database,
    clock,
    secretKey,
    admin,
    adminCtx,
    adminSession: await sessionFor(admin),
    sessionFor,
    async ctxFor(user) {
      return {
        actor: await services.auth.actorFor(user.id),
        ip: '127.0.0.1',
        requestId: 'test',
        userAgent: 'vitest',
      };
    },
    async buildCounterparty(name) {
      counter += 1;
      return services.counterparties.create(adminCtx, {
        name: name ?? `外部单位${counter}`,
        kind: 'customer',
      });
    },

    async buildDepartment(input = {}) {
      counter += 1;
      return services.departments.create(adminCtx, {
        name: input.name ?? `测试部门${counter}`,
        parentId: input.parent?.id ?? null,
      });
    },

    async buildUser(input = {}) {
      counter += 1;
      const kind = input.kind ?? 'employee';
      const { user } = await services.users.create(adminCtx, {
        username: input.username ?? `user${counter}.${Math.random().toString(36).slice(2, 6)}`,
        displayName: input.displayName ?? `测试用户${counter}`,
        kind,
        departmentId: input.department?.id ?? null,
        counterpartyId: input.counterparty?.id ?? null,
        password: TEST_PASSWORD,
      });
      if (input.roles?.length) {
        const keys = [kind === 'external' ? 'external_user' : 'employee', ...input.roles];
        return services.users.setRoles(
          adminCtx,
          user.id,
          [...new Set(keys)].map((k) => roleIds.get(k)!),
        );
      }
      return user;
    },

    async request(as, method, url, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (as?.kind === 'session') {
        h.cookie = `liaison_session=${as.token}`;
        if (method !== 'GET') h['x-csrf-token'] ??= as.csrfToken;
      } else if (as?.kind === 'token') {
        h.authorization = `Bearer ${as.secret}`;
      }
      const res = await app.inject({
        method,
        url,
        headers: h,
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? { payload: body }
            : { payload: body as object }),
      });
      let parsed: unknown = null;
      try {
        parsed = res.body ? JSON.parse(res.body) : null;
      } catch {
        parsed = res.body;
      }
      return { status: res.statusCode, body: parsed as never, headers: res.headers, text: res.body };
    },

    async close() {
      await stopBackground(services).catch(() => {});
      await app.close();
      await database.drop();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
