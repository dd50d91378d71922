import type { Insertable, Selectable } from 'kysely';
import { prepared } from '../../platform/db/prepared.ts';
import type { Executor } from '../../platform/db/schema.ts';
import type { ApiTokensTable, LoginThrottleTable, SessionsTable } from './auth.tables.ts';

export type SessionRow = Selectable<SessionsTable>;
export type TokenRow = Selectable<ApiTokensTable>;

// Sessions

export async function insertSession(db: Executor, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

type LiveSession = Pick<SessionRow, 'id' | 'user_id' | 'last_seen_at' | 'expires_at'>;

// Run on every request: prepared once (see platform/db/prepared.ts).
const liveSession = prepared((db, p: { tokenHash: string; now: string }) =>
  db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'last_seen_at', 'expires_at'])
    .where('token_hash', '=', p.tokenHash)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', p.now)
    .where('expires_at', '>', p.now),
);

/** A live session by its token's hash (whether its user is still active is the users service's to say). */
export function findLiveSession(
  db: Executor,
  tokenHash: string,
  now: string,
): Promise<LiveSession | undefined> {
  return liveSession.first(db, { tokenHash, now }) as Promise<LiveSession | undefined>;
}

type LiveToken = Pick<TokenRow, 'id' | 'user_id' | 'last_used_at'>;

const liveToken = prepared((db, p: { tokenHash: string; now: string }) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', p.tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', p.now)])),
);

/** The same for a personal API token. */
export function findLiveToken(db: Executor, tokenHash: string, now: string): Promise<LiveToken | undefined> {
  return liveToken.first(db, { tokenHash, now }) as Promise<LiveToken | undefined>;
}

export async function touchSession(
  db: Executor,
  id: string,
  lastSeen: string,
  idleExpires: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeen, idle_expires_at: idleExpires })
    .where('id', '=', id)
    .execute();
}

export function listLiveSessions(db: Executor, userId: string, now: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function revokeSession(db: Executor, id: string, userId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every session of a user, optionally keeping one (the caller's own, after a password change). */
export async function revokeAllSessions(
  db: Executor,
  userId: string,
  at: string,
  exceptId?: string,
): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Housekeeping: forget sessions that ended long ago. */
export async function deleteEndedSessions(db: Executor, before: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', before),
        eb('idle_expires_at', '<', before),
        eb('revoked_at', '<', before),
      ]),
    )
    .execute();
}

// Personal API tokens

export async function insertToken(db: Executor, row: Insertable<ApiTokensTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function touchToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function listTokens(db: Executor, userId: string): Promise<TokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findToken(db: Executor, id: string, userId: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function revokeAllTokens(db: Executor, userId: string, at: string): Promise<number> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// Sign-in throttling (see throttle-rules.ts)

export type ThrottleRow = Selectable<LoginThrottleTable>;

export function findThrottles(db: Executor, keys: readonly string[]): Promise<ThrottleRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

/**
 * A counter, created if need be (`fresh` is what a new one holds), and row-locked for the rest of
 * the transaction: one statement, so it always returns a row.
 *
 * `INSERT … ON CONFLICT DO UPDATE` either inserts or locks the existing row, and PostgreSQL
 * guarantees one of the two even while others write the same key: if the row it waited for is
 * deleted meanwhile (a successful sign-in clears its pair, housekeeping drops stale counts), it
 * inserts instead. The earlier pair of statements, an insert that did nothing on conflict and then
 * `SELECT … FOR UPDATE`, found no row at all in that case under READ COMMITTED. The update sets a
 * column to its own value: it changes nothing, it only takes the lock.
 */
export async function lockThrottle(db: Executor, fresh: ThrottleRow): Promise<ThrottleRow> {
  return db
    .insertInto('login_throttle')
    .values(fresh)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: (eb) => eb.ref('login_throttle.failures') }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function saveThrottle(db: Executor, row: ThrottleRow): Promise<void> {
  const { key, ...rest } = row;
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet(rest))
    .execute();
}

export async function deleteThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Every counter of one account name: its pairs, its burst count and its password-change count. */
export function throttlesOfAccount(db: Executor, account: string): Promise<ThrottleRow[]> {
  return db
    .selectFrom('login_throttle')
    .selectAll()
    .where('account', '=', account)
    .orderBy('last_failed_at', 'desc')
    .execute();
}

export async function deleteThrottlesOfAccount(db: Executor, account: string): Promise<number> {
  const r = await db.deleteFrom('login_throttle').where('account', '=', account).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Forgets counters whose last failure is older than `before`. */
export async function deleteStaleThrottles(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('last_failed_at', '<', before).execute();
}
