import { MINUTE } from '../../platform/clock.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { Executor } from '../../platform/db/schema.ts';
import * as repo from './auth.repository.ts';

/** An address may fail this many times more than one account name before it is locked too. */
const ADDRESS_FACTOR = 10;

export interface ThrottleKeys {
  account: string;
  address: string | null;
}

/**
 * Counts failed password checks per account name (known or not, so lockout reveals nothing) and
 * per client address, in the database so every node sees the same counts. Each count is updated
 * under a row lock, and a lock already set is never shortened, so guesses sent in parallel
 * cannot race past the limit. A row is created if need be and locked in one upsert
 * (`repo.lockThrottle`), the same SQL on both databases, so the dialect goes unused (the
 * constructor still takes it, for its callers).
 */
export class LoginThrottle {
  readonly #maxFailures: number;
  readonly #windowMs: number;

  constructor(_dialect: SqlDialect, config: { maxFailures: number; lockMinutes: number }) {
    this.#maxFailures = config.maxFailures;
    this.#windowMs = config.lockMinutes * MINUTE;
  }

  get lockMinutes(): number {
    return this.#windowMs / MINUTE;
  }

  keysFor(username: string, ip: string | null): ThrottleKeys {
    return { account: `user:${username}`, address: ip ? `ip:${ip}` : null };
  }

  /**
   * Seconds until the account name or the address may try again, or 0. Inside a transaction pass
   * `lock` to hold the account's row (created if need be), so a lock set by a parallel failure is
   * seen before a success commits. Only the account row is locked here, and failures lock account
   * then address: the same order everywhere, so the two paths cannot deadlock.
   */
  async lockedFor(db: Executor, keys: ThrottleKeys, now: Date, lock = false): Promise<number> {
    let wait = 0;
    for (const key of [keys.account, keys.address]) {
      if (!key) continue;
      const t =
        lock && key === keys.account
          ? await repo.lockThrottle(db, key, now.toISOString())
          : await repo.findThrottle(db, key);
      if (t?.locked_until && Date.parse(t.locked_until) > now.getTime()) {
        wait = Math.max(wait, Math.ceil((Date.parse(t.locked_until) - now.getTime()) / 1000));
      }
    }
    return wait;
  }

  /** Counts one failure against both keys; says which of them this failure locked. */
  async recordFailure(
    trx: Executor,
    keys: ThrottleKeys,
    now: Date,
  ): Promise<{ accountLocked: boolean; addressLocked: boolean }> {
    const accountLocked = await this.#count(trx, keys.account, this.#maxFailures, now);
    const addressLocked = keys.address
      ? await this.#count(trx, keys.address, this.#maxFailures * ADDRESS_FACTOR, now)
      : false;
    return { accountLocked, addressLocked };
  }

  async clear(trx: Executor, keys: ThrottleKeys): Promise<void> {
    await repo.clearThrottle(trx, keys.account);
  }

  async #count(trx: Executor, key: string, max: number, now: Date): Promise<boolean> {
    const nowIso = now.toISOString();
    const t = await repo.lockThrottle(trx, key, nowIso);
    if (t.locked_until && t.locked_until > nowIso) return false;
    const fresh = now.getTime() - Date.parse(t.window_started_at) > this.#windowMs || t.locked_until !== null;
    const failures = fresh ? 1 : t.failures + 1;
    const locked = failures >= max;
    await repo.saveThrottle(trx, {
      key,
      failures: locked ? 0 : failures,
      window_started_at: fresh || locked ? nowIso : t.window_started_at,
      locked_until: locked ? new Date(now.getTime() + this.#windowMs).toISOString() : null,
    });
    return locked;
  }
}
