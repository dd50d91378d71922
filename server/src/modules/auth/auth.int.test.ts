import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { LoginThrottle } from './login-throttle.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    login: { maxFailures: 3, lockMinutes: 15 },
    session: { idleMinutes: 30, maxHours: 8 },
  });
});
afterAll(() => t.close());

async function login(username: string, password = TEST_PASSWORD, ip = '10.0.0.1') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
  const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('liaison_session='));
  const body = res.json();
  return {
    status: res.statusCode,
    body,
    cookie,
    retryAfter: res.headers['retry-after'] === undefined ? null : Number(res.headers['retry-after']),
    as: cookie
      ? ({
          kind: 'session',
          token: cookie.split(';')[0]!.split('=')[1]!,
          csrfToken: body.csrfToken as string,
          userId: body.user.id as string,
        } as const)
      : null,
  };
}

/** `n` wrong passwords for `username` from `ip`, each answered 401 (none may be throttled yet). */
async function fail(username: string, ip: string, n: number) {
  for (let i = 0; i < n; i++) expect((await login(username, `wrong-password-${i}`, ip)).status).toBe(401);
}

async function backendPid(db: Executor): Promise<number> {
  return (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
}

/** Until the PostgreSQL backend `pid` waits for a lock another transaction holds. */
async function waitUntilBlocked(db: Executor, pid: number): Promise<void> {
  const blocked = sql<{ blocked: boolean }>`select cardinality(pg_blocking_pids(${pid})) > 0 as blocked`;
  while (!(await blocked.execute(db)).rows[0]!.blocked) await new Promise((r) => setTimeout(r, 5));
}

async function auditActions(prefix: string) {
  const page = await t.services.audit.list({ action: prefix, limit: 200 });
  return page.items;
}

/** The sign-in security notices in someone's inbox. */
async function securityNotices(as: As): Promise<{ title: string; body: string; link: string | null }[]> {
  const res = await t.request(as, 'GET', '/api/notifications?kind=security.sign_in_failures&pageSize=100');
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('sign-in', () => {
  it('signs in with the right password and sets an httpOnly SameSite session cookie', async () => {
    const user = await t.buildUser({ username: 'signin.ok' });
    const res = await login('Signin.OK');
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
    expect(res.body.grants['directory.read']).toBe('all');
    expect(res.body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    expect(res.cookie).toMatch(/HttpOnly/);
    expect(res.cookie).toMatch(/SameSite=Lax/);
    const me = await t.request(res.as, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('signin.ok');
    const events = await auditActions('auth.login.succeeded');
    expect(events.some((e) => e.actor.id === user.id && e.ip === '10.0.0.1')).toBe(true);
  });

  it('answers a wrong password and an unknown name the same way, and audits both', async () => {
    await t.buildUser({ username: 'signin.wrong' });
    const wrong = await login('signin.wrong', 'not-the-password-1', '10.0.5.1');
    const unknown = await login('nobody.here', 'not-the-password-1', '10.0.5.1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(wrong.cookie).toBeUndefined();
    const failures = await auditActions('auth.login.failed');
    // A known name is recorded; an unknown one only masked (it may be a password typed in the wrong box).
    expect(failures.map((f) => f.summary.username)).toEqual(
      expect.arrayContaining(['signin.wrong', 'no***(11)']),
    );
  });

  it('slows the address that failed, never the owner signing in from elsewhere', async () => {
    const owner = await t.buildUser({ username: 'signin.target' });
    await fail('signin.target', '10.0.1.1', 3);
    // The source of the failures waits, even with the right password, and is told how long.
    const source = await login('signin.target', TEST_PASSWORD, '10.0.1.1');
    expect(source.status).toBe(429);
    expect(source.body.error.code).toBe('too_many_attempts');
    expect(source.retryAfter).toBe(30);
    expect(source.body.error.details.retryAfterSeconds).toBe(30);
    // The owner, from any other address, signs in at once.
    expect((await login('signin.target', TEST_PASSWORD, '10.0.1.2')).status).toBe(200);

    const lockout = (await auditActions('auth.lockout')).find((e) => e.summary.username === 'signin.target');
    expect(lockout?.summary).toMatchObject({
      by: 'account_address',
      address: '10.0.1.1',
      retryAfterSeconds: 30,
    });
    const told = await securityNotices(await t.sessionFor(owner));
    expect(told.map((n) => n.body).join()).toContain('10.0.1.1');

    t.clock.advance(31_000);
    expect((await login('signin.target', TEST_PASSWORD, '10.0.1.1')).status).toBe(200);
  });

  it('makes a persistent source wait longer after every failure, up to the longest wait', async () => {
    await t.buildUser({ username: 'signin.slow' });
    const ip = '10.0.1.3';
    await fail('signin.slow', ip, 3);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const refused = await login('signin.slow', 'still-wrong-1', ip);
      expect(refused.status).toBe(429);
      waits.push(refused.retryAfter!);
      t.clock.advance(refused.retryAfter! * 1000);
      expect((await login('signin.slow', 'still-wrong-1', ip)).status).toBe(401);
    }
    // Doubling from 30 s (throttle-rules.test.ts has the exact sequence); a sixth failure of the
    // hour makes the name a burst, which only steepens it; never beyond LIAISON_LOGIN_LOCK_MINUTES.
    expect(waits.slice(0, 3)).toEqual([30, 60, 120]);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(waits.at(-1)).toBe(15 * 60);
  });

  it('cannot be raced: of guesses sent in parallel exactly the free ones are checked', async () => {
    await t.buildUser({ username: 'signin.race' });
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login('signin.race', `wrong-password-${i}`, '10.0.1.4')),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect((await login('signin.race', TEST_PASSWORD, '10.0.1.4')).status).toBe(429);
    expect((await login('signin.race', TEST_PASSWORD, '10.0.1.5')).status).toBe(200);
  });

  it('never answers 500 when right and wrong passwords for one name arrive together', async () => {
    await t.buildUser({ username: 'signin.mixed' });
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        login('signin.mixed', i % 3 === 0 ? TEST_PASSWORD : 'wrong-password-9', `10.0.2.${i}`),
      ),
    );
    expect(attempts.map((a) => a.status).filter((s) => ![200, 401, 429].includes(s))).toEqual([]);
    expect((await t.services.audit.verify()).ok).toBe(true);
  });

  it('counts an attempt whose row a parallel successful sign-in deleted while it waited', async () => {
    // The interleaving behind an intermittent 500 on PostgreSQL: a success holds the pair's row and
    // clears it (deletes it) while another attempt waits for that row's lock.
    const { db, dialect } = t.database;
    const throttle = new LoginThrottle({ maxFailures: 3, lockMinutes: 15 });
    const keys = throttle.keysFor('signin.cleared', '10.0.3.1');
    const now = t.clock.now();
    expect(await db.transaction().execute((trx) => throttle.admit(trx, keys, now))).toBe(0);

    let attempt!: Promise<unknown>;
    await db.transaction().execute(async (success) => {
      await throttle.succeeded(success, keys);
      let started!: (pid: number) => void;
      const backend = new Promise<number>((resolve) => (started = resolve));
      attempt = db
        .transaction()
        .execute(async (trx) => {
          if (dialect.kind === 'postgres') started(await backendPid(trx));
          return throttle.admit(trx, keys, now);
        })
        .catch((err: unknown) => err);
      // On PostgreSQL, commit the deletion only once the attempt waits for the row's lock. SQLite
      // runs one writer at a time: there the attempt starts after this transaction commits.
      if (dialect.kind === 'postgres') await waitUntilBlocked(db, await backend);
    });
    expect(await attempt).toBe(0);
    const row = await db
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', keys.pair)
      .executeTakeFirst();
    expect(row?.failures).toBe(1);
  });

  it('treats unknown names exactly like known ones, so throttling reveals no account', async () => {
    await t.buildUser({ username: 'signin.real' });
    const trace = async (name: string, ip: string) => {
      const out = [];
      for (let i = 0; i < 4; i++) {
        const r = await login(name, 'wrong-password-1', ip);
        out.push([r.status, r.retryAfter, r.body.error.code]);
      }
      return out;
    };
    const known = await trace('signin.real', '10.0.3.2');
    const unknown = await trace('ghost.user', '10.0.3.3');
    expect(unknown).toEqual(known);
    expect(known.map(([status]) => status)).toEqual([401, 401, 401, 429]);
  });

  it('keeps other people’s sign-ins working when one address fails with fifty made-up names', async () => {
    const colleague = await t.buildUser({ username: 'signin.colleague' });
    const proxy = '10.0.4.1';
    for (let i = 0; i < 50; i++) {
      expect((await login(`made.up.${i}`, 'guess-password-1', proxy)).status).toBe(401);
    }
    // The whole company behind the same proxy: a correct password still signs in.
    expect((await login('signin.colleague', TEST_PASSWORD, proxy)).status).toBe(200);
    // But what fails from that address is slowed at once: one free failure per name in a burst.
    expect((await login('made.up.0', 'guess-password-2', proxy)).status).toBe(429);
    expect((await login('made.up.new', 'guess-password-2', proxy)).status).toBe(401);
    expect((await login('made.up.new', 'guess-password-3', proxy)).status).toBe(429);
    await t.buildUser({ username: 'signin.typo' });
    expect((await login('signin.typo', 'mistyped-password', proxy)).status).toBe(401);
    expect((await login('signin.typo', TEST_PASSWORD, proxy)).status).toBe(429);
    expect((await login('signin.typo', TEST_PASSWORD, '10.0.4.2')).status).toBe(200);

    const burst = (await auditActions('auth.burst')).find((e) => e.summary.address === proxy);
    expect(burst?.summary).toMatchObject({ by: 'address', failures: 30 });
    const told = await securityNotices(await t.sessionFor(t.admin));
    expect(told.some((n) => n.title.includes(proxy))).toBe(true);
    expect(await securityNotices(await t.sessionFor(colleague))).toEqual([]);
  });

  it('tells the owner and the administrators of a burst spread over many addresses', async () => {
    const owner = await t.buildUser({ username: 'signin.spread' });
    // Six failures (twice the free ones) from six addresses: no address has to wait yet.
    for (let i = 0; i < 6; i++) await fail('signin.spread', `10.0.6.${i}`, 1);
    // In the burst every address that failed has used its one free failure …
    expect((await login('signin.spread', TEST_PASSWORD, '10.0.6.0')).status).toBe(429);
    // … and the owner, from an address that did not fail, still signs in.
    expect((await login('signin.spread', TEST_PASSWORD, '10.0.6.99')).status).toBe(200);

    const ownerNotices = await securityNotices(await t.sessionFor(owner));
    expect(ownerNotices.some((n) => n.title === '账号遭遇大量登录尝试')).toBe(true);
    const adminNotices = await securityNotices(await t.sessionFor(t.admin));
    const forAdmins = adminNotices.find((n) => n.title.includes('signin.spread'));
    expect(forAdmins?.link).toBe(`/org/users?user=${owner.id}`);
    const burst = (await auditActions('auth.burst')).find((e) => e.summary.username === 'signin.spread');
    expect(burst?.summary).toMatchObject({ by: 'account', failures: 6 });
  });

  it('lets an administrator see and lift the waits on an account, audited', async () => {
    const user = await t.buildUser({ username: 'signin.lift' });
    await fail('signin.lift', '10.0.7.1', 3);
    expect((await login('signin.lift', TEST_PASSWORD, '10.0.7.1')).status).toBe(429);

    const admin = await t.sessionFor(t.admin);
    const status = await t.request(admin, 'GET', `/api/users/${user.id}/sign-in-throttle`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      recentFailures: 3,
      burst: false,
      sources: [{ address: '10.0.7.1', failures: 3, retryAfterSeconds: 30, addressBurst: false }],
      passwordChange: null,
    });
    const plain = await t.sessionFor(await t.buildUser());
    expect((await t.request(plain, 'DELETE', `/api/users/${user.id}/sign-in-throttle`)).status).toBe(403);

    const lifted = await t.request(admin, 'DELETE', `/api/users/${user.id}/sign-in-throttle`);
    expect(lifted.status).toBe(200);
    expect(lifted.body.lifted).toBeGreaterThanOrEqual(2);
    expect((await login('signin.lift', TEST_PASSWORD, '10.0.7.1')).status).toBe(200);
    const entry = (await auditActions('auth.lockout_lifted')).find((e) => e.targetId === user.id);
    expect(entry?.summary).toMatchObject({ username: 'signin.lift' });
    expect(entry?.actor.id).toBe(t.admin.id);

    const missing = await t.request(
      admin,
      'DELETE',
      '/api/users/0193a000-0000-7000-8000-00000000ffff/sign-in-throttle',
    );
    expect(missing.status).toBe(404);
  });

  it('forgets failures a day after the last one', async () => {
    await t.buildUser({ username: 'signin.forget' });
    await fail('signin.forget', '10.0.8.1', 3);
    expect((await login('signin.forget', 'wrong-again-1', '10.0.8.1')).status).toBe(429);
    t.clock.advance(24 * HOUR + MINUTE);
    await t.services.auth.housekeeping();
    expect(
      await t.database.db
        .selectFrom('login_throttle')
        .select('key')
        .where('account', '=', 'signin.forget')
        .execute(),
    ).toEqual([]);
    await fail('signin.forget', '10.0.8.1', 3);
  });

  it('refuses disabled accounts with the same answer as a wrong password', async () => {
    const user = await t.buildUser({ username: 'signin.disabled' });
    await t.services.users.disable(t.adminCtx, user.id);
    const res = await login('signin.disabled', TEST_PASSWORD, '10.0.9.1');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });

  it('rejects malformed sign-in bodies without touching anything', async () => {
    const res = await t.request(null, 'POST', '/api/auth/login', { username: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const long = await t.request(null, 'POST', '/api/auth/login', {
      username: 'a'.repeat(65),
      password: 'x',
    });
    expect(long.status).toBe(400);
  });
});

describe('sessions', () => {
  it('expires after the idle timeout and after the absolute lifetime', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    t.clock.advance(20 * MINUTE);
    expect((await t.request(as, 'GET', '/api/auth/me')).status).toBe(200); // activity extends it
    t.clock.advance(20 * MINUTE);
    expect((await t.request(as, 'GET', '/api/auth/me')).status).toBe(200);
    t.clock.advance(31 * MINUTE);
    expect((await t.request(as, 'GET', '/api/auth/me')).status).toBe(401);

    const busy = await t.sessionFor(user);
    for (let i = 0; i < 9; i++) {
      t.clock.advance(HOUR - MINUTE);
      await t.request(busy, 'GET', '/api/auth/me');
    }
    expect((await t.request(busy, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('forgets long-ended sessions at housekeeping', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    await t.request(as, 'POST', '/api/auth/logout');
    const count = async () =>
      (await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute())
        .length;
    await t.services.auth.housekeeping();
    expect(await count()).toBe(1);
    t.clock.advance(31 * 24 * HOUR);
    await t.services.auth.housekeeping();
    expect(await count()).toBe(0);
  });

  it('requires the CSRF token for cookie-authenticated changes', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    if (as?.kind !== 'session') throw new Error('expected a session');
    const missing = await t.request(as, 'PATCH', '/api/profile', { locale: 'en-US' }, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf_failed');
    const other = await t.sessionFor(user);
    const forged = await t.request(
      as,
      'PATCH',
      '/api/profile',
      { locale: 'en-US' },
      { 'x-csrf-token': other?.kind === 'session' ? other.csrfToken : '' },
    );
    expect(forged.status).toBe(403);
    expect((await t.request(as, 'PATCH', '/api/profile', { locale: 'en-US' })).status).toBe(200);
  });

  it('logs out one session, or every session', async () => {
    const user = await t.buildUser();
    const a = await t.sessionFor(user);
    const b = await t.sessionFor(user);
    const c = await t.sessionFor(user);
    expect((await t.request(a, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await t.request(a, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await t.request(b, 'GET', '/api/auth/me')).status).toBe(200);

    const list = await t.request(b, 'GET', '/api/auth/sessions');
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    expect((await t.request(b, 'POST', '/api/auth/logout-all')).status).toBe(204);
    expect((await t.request(b, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await t.request(c, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await auditActions('auth.logout_all')).some((e) => e.targetId === user.id)).toBe(true);
  });
});

describe('passwords', () => {
  it('changes the password, ends the other sessions and keeps this one', async () => {
    const user = await t.buildUser({ username: 'pw.change' });
    const here = await t.sessionFor(user);
    const elsewhere = await t.sessionFor(user);
    const wrong = await t.request(here, 'POST', '/api/auth/password', {
      currentPassword: 'not-it-123',
      newPassword: 'Another-pass-2026',
    });
    expect(wrong.status).toBe(400);
    const weak = await t.request(here, 'POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    const ok = await t.request(here, 'POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Another-pass-2026',
    });
    expect(ok.status).toBe(204);
    expect((await t.request(here, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await t.request(elsewhere, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await login('pw.change', 'Another-pass-2026')).status).toBe(200);
    expect((await login('pw.change', TEST_PASSWORD)).status).toBe(401);
  });

  it('forces a new password after an administrator reset before anything else works', async () => {
    const user = await t.buildUser({ username: 'pw.reset' });
    const reset = await t.request(
      await t.sessionFor(t.admin),
      'POST',
      `/api/users/${user.id}/reset-password`,
    );
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    const signedIn = await login('pw.reset', temporary);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.mustChangePassword).toBe(true);
    const blocked = await t.request(signedIn.as, 'GET', '/api/departments');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    const changed = await t.request(signedIn.as, 'POST', '/api/auth/password', {
      currentPassword: temporary,
      newPassword: 'My-own-password-9',
    });
    expect(changed.status).toBe(204);
    expect((await t.request(signedIn.as, 'GET', '/api/departments')).status).toBe(200);
  });
  it('counts wrong current passwords on their own: the password change waits, sign-in does not', async () => {
    const user = await t.buildUser({ username: 'pw.guess' });
    const as = await t.sessionFor(user);
    const guess = (currentPassword: string) =>
      t.request(as, 'POST', '/api/auth/password', { currentPassword, newPassword: 'Brand-new-pass-1' });
    for (let i = 0; i < 3; i++) expect((await guess(`nope-${i}-password`)).status).toBe(400);
    const refused = await guess(TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(Number(refused.headers['retry-after'])).toBe(30);

    // Sign-in is another count: the owner signs in, from the very address the guesses came from.
    expect((await login('pw.guess', TEST_PASSWORD, '127.0.0.1')).status).toBe(200);

    const failed = (await auditActions('auth.password.failed')).filter((e) => e.targetId === user.id);
    expect(failed).toHaveLength(3);
    const lockout = (await auditActions('auth.lockout')).find((e) => e.targetId === user.id);
    expect(lockout?.summary).toMatchObject({ by: 'password_change', failures: 3 });
    expect((await securityNotices(as)).length).toBeGreaterThan(0);
    expect(
      (await securityNotices(await t.sessionFor(t.admin))).some((n) => n.title.includes('pw.guess')),
    ).toBe(true);

    t.clock.advance(31_000);
    expect((await guess(TEST_PASSWORD)).status).toBe(204);
  });

  it('revokes API tokens too when an administrator resets the password', async () => {
    const user = await t.buildUser();
    const created = await t.request(await t.sessionFor(user), 'POST', '/api/auth/tokens', { name: 'script' });
    const bearer = { kind: 'token', secret: created.body.secret, userId: user.id } as const;
    expect((await t.request(bearer, 'GET', '/api/auth/me')).status).toBe(200);
    await t.services.users.resetPassword(t.adminCtx, user.id);
    expect((await t.request(bearer, 'GET', '/api/auth/me')).status).toBe(401);
  });
});

describe('personal API tokens', () => {
  it('creates a token shown once, authenticates with it without CSRF, and revokes it', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    const created = await t.request(as, 'POST', '/api/auth/tokens', { name: '报表脚本', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^lia_/);
    expect(created.body.token.prefix).toBe(secret.slice(0, 10));

    const bearer = { kind: 'token', secret, userId: user.id } as const;
    const me = await t.request(bearer, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.authMethod).toBe('token');
    expect(me.body.csrfToken).toBeNull();
    expect((await t.request(bearer, 'PATCH', '/api/profile', { locale: 'en-US' })).status).toBe(200);

    const listed = await t.request(as, 'GET', '/api/auth/tokens');
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await t.request(as, 'DELETE', `/api/auth/tokens/${created.body.token.id}`)).status).toBe(204);
    expect((await t.request(bearer, 'GET', '/api/auth/me')).status).toBe(401);
    const actions = (await auditActions('auth.token.')).filter((e) => e.targetId === created.body.token.id);
    expect(actions.map((e) => e.action).sort()).toEqual(['auth.token.created', 'auth.token.revoked']);
  });

  it('stops working after its expiry and for a disabled user', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    const created = await t.request(as, 'POST', '/api/auth/tokens', { name: 'short', expiresInDays: 1 });
    const bearer = { kind: 'token', secret: created.body.secret, userId: user.id } as const;
    t.clock.advance(25 * HOUR);
    expect((await t.request(bearer, 'GET', '/api/auth/me')).status).toBe(401);

    const other = await t.request(await t.sessionFor(user), 'POST', '/api/auth/tokens', { name: 'long' });
    const bearer2 = { kind: 'token', secret: other.body.secret, userId: user.id } as const;
    expect((await t.request(bearer2, 'GET', '/api/auth/me')).status).toBe(200);
    await t.services.users.disable(t.adminCtx, user.id);
    expect((await t.request(bearer2, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('is created only from a signed-in session: a bearer token cannot mint tokens', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    const parent = await t.request(as, 'POST', '/api/auth/tokens', { name: 'parent' });
    const bearer = { kind: 'token', secret: parent.body.secret, userId: user.id } as const;
    const child = await t.request(bearer, 'POST', '/api/auth/tokens', { name: 'child' });
    expect(child.status).toBe(403);
    expect(child.body.error.code).toBe('session_required');
    expect((await t.request(as, 'GET', '/api/auth/tokens')).body.items).toHaveLength(1);
    // Revoking the one token therefore leaves nothing behind that it made.
    expect((await t.request(as, 'DELETE', `/api/auth/tokens/${parent.body.token.id}`)).status).toBe(204);
    expect((await t.request(as, 'GET', '/api/auth/tokens')).body.items).toHaveLength(0);
  });

  it('ends with “log out everywhere”, whether asked from a session or with a token', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    const a = await t.request(as, 'POST', '/api/auth/tokens', { name: 'a' });
    const b = await t.request(as, 'POST', '/api/auth/tokens', { name: 'b' });
    const bearerA = { kind: 'token', secret: a.body.secret, userId: user.id } as const;
    const bearerB = { kind: 'token', secret: b.body.secret, userId: user.id } as const;
    expect((await t.request(as, 'POST', '/api/auth/logout-all')).status).toBe(204);
    expect((await t.request(bearerA, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await t.request(bearerB, 'GET', '/api/auth/me')).status).toBe(401);
    const entry = (await auditActions('auth.logout_all')).find((e) => e.targetId === user.id);
    expect(entry?.summary).toMatchObject({ sessions: 1, tokens: 2 });

    const again = await t.sessionFor(user);
    const c = await t.request(again, 'POST', '/api/auth/tokens', { name: 'c' });
    const bearerC = { kind: 'token', secret: c.body.secret, userId: user.id } as const;
    expect((await t.request(bearerC, 'POST', '/api/auth/logout-all')).status).toBe(204);
    expect((await t.request(bearerC, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await t.request(again, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('ends when its owner changes the password, while the session that changed it stays', async () => {
    const user = await t.buildUser();
    const as = await t.sessionFor(user);
    const created = await t.request(as, 'POST', '/api/auth/tokens', { name: 'script' });
    const bearer = { kind: 'token', secret: created.body.secret, userId: user.id } as const;
    const changed = await t.request(as, 'POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Fresh-password-2026',
    });
    expect(changed.status).toBe(204);
    expect((await t.request(bearer, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await t.request(as, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await t.request(as, 'GET', '/api/auth/tokens')).body.items).toEqual([]);
    const entry = (await auditActions('auth.password.changed')).find((e) => e.targetId === user.id);
    expect(entry?.summary).toMatchObject({ tokensRevoked: 1 });
  });

  it('ignores a garbage bearer token', async () => {
    const res = await t.request({ kind: 'token', secret: 'lia_nope', userId: 'x' }, 'GET', '/api/auth/me');
    expect(res.status).toBe(401);
  });
});
