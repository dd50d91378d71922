import type {
  ChangePasswordRequest,
  LiftedSignInThrottle,
  LoginRequest,
  Me,
  SessionInfo,
  SignInThrottle,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { Actor, ActorContext, RequestContext } from '../../platform/auth/actor.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { type Clock, DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { deriveKey, hmacHex, randomSecret, sha256Hex } from '../../platform/crypto/keys.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { credentialsEnded, type EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { toUser, type UsersService, type UserWithDepartment } from '../users/users.service.ts';
import * as repo from './auth.repository.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { SignInAlerts } from './sign-in-alerts.ts';

export interface AuthDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  users: UsersService;
  roles: RolesService;
  secretKey: Buffer;
  session: { idleMinutes: number; maxHours: number };
  throttle: LoginThrottle;
  events: EventLog;
  notifications: NotificationsService;
}

export const SESSION_COOKIE = 'liaison_session';
/** Activity timestamps are written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = MINUTE;

export interface Credentials {
  sessionToken?: string | undefined;
  bearerToken?: string | undefined;
}

/** Sign-in, sessions, personal API tokens, passwords, lockout and the start-up administrator. */
export class AuthService {
  readonly #deps: AuthDeps;
  readonly #csrfKey: Buffer;
  readonly #csrfCache = new Map<string, string>();
  readonly #alerts: SignInAlerts;

  constructor(deps: AuthDeps) {
    this.#deps = deps;
    this.#csrfKey = deriveKey(deps.secretKey, 'csrf');
    this.#alerts = new SignInAlerts(deps);
  }

  csrfTokenFor(sessionId: string): string {
    // Asked on every cookie-authenticated change; a small cache saves an HMAC per request.
    let token = this.#csrfCache.get(sessionId);
    if (!token) {
      token = hmacHex(this.#csrfKey, sessionId);
      if (this.#csrfCache.size >= 10_000) this.#csrfCache.delete(this.#csrfCache.keys().next().value!);
      this.#csrfCache.set(sessionId, token);
    }
    return token;
  }

  /**
   * Sign-in, throttled per account name *and* address (see throttle-rules.ts): the attempt is
   * admitted (and counted) before the password is checked, a wrong password counts towards the
   * bursts and may tell the owner and administrators, a right one clears its pair. An address that
   * is not the source of the failures is never refused, and unknown names go through exactly the
   * same steps as known ones.
   */
  async login(
    input: LoginRequest,
    meta: RequestContext,
  ): Promise<{ token: string; expiresAt: string; me: Me }> {
    const { db, clock, throttle } = this.#deps;
    const username = input.username.trim().toLowerCase();
    const keys = throttle.keysFor(username, meta.ip);
    const now = clock.now();

    // While waiting, refuse at once: no password check, and no audit entry per attempt (the wait's
    // start is on record), so a waiting pair cannot be used to flood the log.
    const wait = await db.transaction().execute((trx) => throttle.admit(trx, keys, now));
    if (wait > 0) throw errors.tooManyAttempts(wait);

    const user = await this.#deps.users.findByUsername(db, username);
    // Always run the hash, so the answer takes as long for unknown names as for wrong passwords.
    const passwordOk = await verifyPassword(
      input.password,
      user?.password_hash ?? (await dummyPasswordHash()),
    );
    if (!user || !passwordOk || user.status !== 'active') {
      const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
      // Someone may have typed their password into the name field: keep unknown names masked.
      const tried = user ? username : maskUnknownName(username);
      const notified = await db.transaction().execute(async (trx) => {
        const outcome = await throttle.failed(trx, keys, now);
        return this.#alerts.signInFailed(trx, meta, { keys, outcome, user, tried, reason });
      });
      if (notified) this.#deps.notifications.committed();
      throw errors.invalidCredentials();
    }

    const token = randomSecret();
    const session = this.#newSession(user.id, token, meta, now);
    await db.transaction().execute(async (trx) => {
      await throttle.succeeded(trx, keys);
      await repo.insertSession(trx, session);
      await this.#deps.users.touchLogin(trx, user.id, now.toISOString());
      const actor = await this.#actorFor(trx, user, { method: 'session', sessionId: session.id });
      await this.#deps.audit.record(
        trx,
        { ...meta, actor },
        {
          action: 'auth.login.succeeded',
          targetType: 'session',
          targetId: session.id,
          summary: { username },
        },
      );
    });
    const actor = await this.#actorFor(db, user, { method: 'session', sessionId: session.id });
    return { token, expiresAt: session.expires_at, me: this.me({ ...meta, actor }) };
  }

  /** Resolves a bearer token or session cookie into an actor, or null when it is not valid now. */
  async authenticate(credentials: Credentials): Promise<Actor | null> {
    const { db, clock } = this.#deps;
    const now = clock.now();
    const nowIso = now.toISOString();

    if (credentials.bearerToken) {
      const token = await repo.findLiveToken(db, sha256Hex(credentials.bearerToken), nowIso);
      const user = token && (await this.#deps.users.findActive(db, token.user_id));
      if (!token || !user) return null;
      if (!token.last_used_at || now.getTime() - Date.parse(token.last_used_at) > TOUCH_INTERVAL_MS) {
        await repo.touchToken(db, token.id, nowIso);
      }
      return this.#actorFor(db, user, { method: 'token', tokenId: token.id });
    }

    if (credentials.sessionToken) {
      const session = await repo.findLiveSession(db, sha256Hex(credentials.sessionToken), nowIso);
      const user = session && (await this.#deps.users.findActive(db, session.user_id));
      if (!session || !user) return null;
      if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) {
        const idle = Math.min(
          now.getTime() + this.#deps.session.idleMinutes * MINUTE,
          Date.parse(session.expires_at),
        );
        await repo.touchSession(db, session.id, nowIso, new Date(idle).toISOString());
      }
      return this.#actorFor(db, user, { method: 'session', sessionId: session.id });
    }
    return null;
  }

  /** The caller as authentication already loaded them: no further queries. */
  me(ctx: ActorContext): Me {
    return {
      user: ctx.actor.profile,
      grants: ctx.actor.grants,
      csrfToken: ctx.actor.auth.method === 'session' ? this.csrfTokenFor(ctx.actor.auth.sessionId) : null,
      authMethod: ctx.actor.auth.method === 'token' ? 'token' : 'session',
      mustChangePassword: ctx.actor.mustChangePassword,
    };
  }

  async logout(ctx: ActorContext): Promise<void> {
    if (ctx.actor.auth.method !== 'session') return;
    const sessionId = ctx.actor.auth.sessionId;
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.revokeSession(trx, sessionId, ctx.actor.userId, this.#now());
      await this.#deps.events.append(trx, credentialsEnded(ctx.actor.userId, { sessionIds: [sessionId] }));
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.logout',
        targetType: 'session',
        targetId: sessionId,
      });
    });
    this.#deps.events.committed();
  }

  /**
   * 退出所有设备: ends every session of the user, including this one, and every API token — someone
   * who fears a device is in the wrong hands cannot know which secrets went with it.
   */
  async logoutEverywhere(ctx: ActorContext): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const now = this.#now();
      const sessions = await repo.revokeAllSessions(trx, ctx.actor.userId, now);
      const tokens = await repo.revokeAllTokens(trx, ctx.actor.userId, now);
      await this.#deps.events.append(
        trx,
        credentialsEnded(ctx.actor.userId, { sessionIds: 'all', tokenIds: 'all' }),
      );
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.logout_all',
        targetType: 'user',
        targetId: ctx.actor.userId,
        summary: { sessions, tokens },
      });
    });
    this.#deps.events.committed();
  }

  async sessions(ctx: ActorContext): Promise<SessionInfo[]> {
    const rows = await repo.listLiveSessions(this.#deps.db, ctx.actor.userId, this.#now());
    const current = ctx.actor.auth.method === 'session' ? ctx.actor.auth.sessionId : null;
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      ip: s.ip,
      userAgent: s.user_agent,
      current: s.id === current,
    }));
  }

  async revokeSession(ctx: ActorContext, sessionId: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      if (!(await repo.revokeSession(trx, sessionId, ctx.actor.userId, this.#now())))
        throw errors.notFound(text('nouns.session'));
      await this.#deps.events.append(trx, credentialsEnded(ctx.actor.userId, { sessionIds: [sessionId] }));
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.session.revoked',
        targetType: 'session',
        targetId: sessionId,
      });
    });
    this.#deps.events.committed();
  }

  /**
   * Changing one's password ends every other session and every API token (someone else may know
   * the old one); this session stays. Wrong current passwords are counted for this route alone:
   * guessing here slows password changes, never the owner's sign-in.
   */
  async changePassword(ctx: ActorContext, input: ChangePasswordRequest): Promise<void> {
    const { db, clock, throttle } = this.#deps;
    if (input.newPassword === input.currentPassword) {
      throw errors.invalidField('body.newPassword', 'the new password must differ from the current one');
    }
    const keys = throttle.passwordKeysFor(ctx.actor.userId, ctx.actor.username);
    const now = clock.now();
    const wait = await db.transaction().execute((trx) => throttle.admit(trx, keys, now));
    if (wait > 0) throw errors.tooManyAttempts(wait, text('auth.errors.tooManyWrongPasswords'));
    const user = await this.#deps.users.findById(db, ctx.actor.userId);
    if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
      const notified = await db.transaction().execute(async (trx) => {
        const outcome = await throttle.failed(trx, keys, now);
        return this.#alerts.passwordCheckFailed(trx, ctx, outcome);
      });
      if (notified) this.#deps.notifications.committed();
      throw errors.invalidField('body.currentPassword', 'the current password is incorrect');
    }
    const hash = await hashPassword(input.newPassword);
    await db.transaction().execute(async (trx) => {
      const now = this.#now();
      await throttle.succeeded(trx, keys);
      await this.#deps.users.setPassword(trx, user.id, hash, now);
      const keep = ctx.actor.auth.method === 'session' ? ctx.actor.auth.sessionId : undefined;
      const ended = await repo.revokeAllSessions(trx, user.id, now, keep);
      // Tokens too: whoever knew the old password could have made some.
      const tokens = await repo.revokeAllTokens(trx, user.id, now);
      await this.#deps.events.append(
        trx,
        credentialsEnded(user.id, { sessionIds: 'all', keepSessionId: keep, tokenIds: 'all' }),
      );
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.password.changed',
        targetType: 'user',
        targetId: user.id,
        summary: { otherSessionsEnded: ended, tokensRevoked: tokens },
      });
    });
    this.#deps.events.committed();
  }

  /** An account's sign-in throttling, for administrators (`user.manage` in scope). */
  async signInThrottle(ctx: ActorContext, userId: string): Promise<SignInThrottle> {
    const user = await this.#deps.users.inManageScope(this.#deps.db, ctx, userId);
    return this.#deps.throttle.status(this.#deps.db, user.username, this.#deps.clock.now());
  }

  /**
   * An administrator lifts every wait on an account: its addresses may try again at once, its
   * hour's burst count and its password-change count start over. Audited.
   */
  async liftSignInThrottle(ctx: ActorContext, userId: string): Promise<LiftedSignInThrottle> {
    return this.#deps.db.transaction().execute(async (trx) => {
      const user = await this.#deps.users.inManageScope(trx, ctx, userId);
      const lifted = await this.#deps.throttle.lift(trx, user.username);
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.lockout_lifted',
        targetType: 'user',
        targetId: user.id,
        summary: { username: user.username, lifted },
      });
      return { lifted };
    });
  }

  /**
   * Drops sessions that ended more than 30 days ago and sign-in failure counts past forgetting. Run at
   * start-up (the job scheduler will run it daily once it exists).
   */
  async housekeeping(): Promise<void> {
    const now = this.#deps.clock.now().getTime();
    await repo.deleteEndedSessions(this.#deps.db, new Date(now - 30 * DAY).toISOString());
    const forget = this.#deps.throttle.rules.forgetAfterMs;
    await repo.deleteStaleThrottles(this.#deps.db, new Date(now - forget).toISOString());
  }

  /** Acts as a user outside HTTP (CLI, demo seed), with that user's real grants. */
  async actorFor(userId: string): Promise<Actor> {
    const user = await this.#deps.users.findById(this.#deps.db, userId);
    if (!user) throw errors.notFound(text('nouns.user'));
    return this.#actorFor(this.#deps.db, user, { method: 'system' });
  }

  /** A session row for a user without a password check: for tests, benchmarks and the CLI. */
  /**
   * Ends every session and personal API token of a user inside the caller's transaction (an
   * administrator disabled the account or reset its password). The users service calls it
   * through its CredentialRevoker interface; the caller appends the event and the audit entry.
   */
  async endAllCredentials(
    trx: Executor,
    userId: string,
    at: string,
  ): Promise<{ sessions: number; tokens: number }> {
    const sessions = await repo.revokeAllSessions(trx, userId, at);
    const tokens = await repo.revokeAllTokens(trx, userId, at);
    return { sessions, tokens };
  }

  async issueSession(
    userId: string,
    meta: RequestContext = { actor: null, ip: null, requestId: null, userAgent: null },
  ) {
    const token = randomSecret();
    const session = this.#newSession(userId, token, meta, this.#deps.clock.now());
    await repo.insertSession(this.#deps.db, session);
    return { token, sessionId: session.id, csrfToken: this.csrfTokenFor(session.id) };
  }

  async #actorFor(db: Executor, user: UserWithDepartment, auth: Actor['auth']): Promise<Actor> {
    const { grants, roles } = await this.#deps.roles.grantsOf(db, user.id);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      kind: user.kind,
      locale: user.locale,
      departmentId: user.department_id,
      departmentPath: user.department_path,
      grants,
      roleKeys: roles.map((r) => r.key),
      profile: toUser(user, roles),
      mustChangePassword: user.must_change_password === 1,
      auth,
    };
  }

  #newSession(userId: string, token: string, meta: RequestContext, now: Date) {
    const { idleMinutes, maxHours } = this.#deps.session;
    const expires = now.getTime() + maxHours * HOUR;
    return {
      id: newId(),
      token_hash: sha256Hex(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: new Date(Math.min(now.getTime() + idleMinutes * MINUTE, expires)).toISOString(),
      expires_at: new Date(expires).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent,
      revoked_at: null,
    };
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}

/** `zh***(12)`: enough to spot a pattern of guesses, not enough to leak a mistyped password. */
function maskUnknownName(name: string): string {
  return `${name.slice(0, 2)}***(${name.length})`;
}
