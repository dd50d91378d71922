import type { SignInThrottle } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';
import * as repo from './auth.repository.ts';
import {
  consecutiveFailures,
  retryAfterSeconds,
  type ThrottleRules,
  throttleAddress,
  throttleRules,
  waitAfter,
  windowFailures,
} from './throttle-rules.ts';

/** The counters one password check touches. */
export interface ThrottleKeys {
  kind: 'pair' | 'password';
  /** The counter that may have to wait: an account name from one address, or one user's password change. */
  pair: string;
  /** Burst counters (sign-in only). */
  account: string | null;
  address: string | null;
  /** The account name as typed (lower case) and the counted address, stored for administrators. */
  name: string;
  addressLabel: string | null;
}

export interface FailureOutcome {
  /** The pair's consecutive failures, this one included. */
  failures: number;
  /** Seconds the pair must now wait (0: it may try again at once). */
  retryAfterSeconds: number;
  /** This failure is the one that made the pair start waiting. */
  waitBegan: boolean;
  /** This failure made the account name's, or the address's, failures of the hour reach a burst. */
  accountBurstBegan: boolean;
  addressBurstBegan: boolean;
  accountFailures: number;
  addressFailures: number;
}

/**
 * Counts failed password checks in the database (every node sees the same counts) and applies
 * `throttle-rules.ts`. An attempt is *admitted* before its password is checked: under the pair's
 * row lock the throttle decides whether the pair may try now and, if so, counts the attempt as a
 * failure at once; a correct password then clears the pair. So guesses sent in parallel cannot
 * race past the limit — the sixth waits for the lock, sees five counted and is refused. Locks are
 * taken in one order everywhere (pair, then account, then address; each in its own short
 * transaction or before the audit chain), so no two paths deadlock.
 */
export class LoginThrottle {
  readonly rules: ThrottleRules;

  constructor(config: { maxFailures: number; lockMinutes: number }) {
    this.rules = throttleRules(config);
  }

  keysFor(username: string, ip: string | null): ThrottleKeys {
    const address = throttleAddress(ip);
    return {
      kind: 'pair',
      pair: `pair:${username}@${address}`,
      account: `account:${username}`,
      address: `address:${address}`,
      name: username,
      addressLabel: address,
    };
  }

  /** The password-change route's own counter: it never touches sign-in's. */
  passwordKeysFor(userId: string, username: string): ThrottleKeys {
    return {
      kind: 'password',
      pair: `password:${userId}`,
      account: null,
      address: null,
      name: username,
      addressLabel: null,
    };
  }

  /**
   * Before a password check: seconds the pair must still wait (nothing counted), or 0 — then the
   * attempt is counted as a failure until `succeeded` clears it.
   */
  async admit(trx: Executor, keys: ThrottleKeys, now: Date): Promise<number> {
    const at = now.toISOString();
    const pair = await repo.lockThrottle(trx, this.#fresh(keys, keys.pair, keys.kind, at));
    const burst = await this.#inBurst(trx, keys, now);
    const wait = retryAfterSeconds(this.rules, pair, burst, now);
    if (wait > 0) return wait;
    const failures = consecutiveFailures(this.rules, pair, now) + 1;
    await repo.saveThrottle(trx, {
      ...pair,
      failures,
      window_started_at: failures === 1 ? at : pair.window_started_at,
      last_failed_at: at,
    });
    return 0;
  }

  /** After a wrong password (already counted on the pair): counts the bursts and says what began. */
  async failed(trx: Executor, keys: ThrottleKeys, now: Date): Promise<FailureOutcome> {
    const at = now.toISOString();
    const accountFailures = keys.account
      ? await this.#countWindow(trx, keys, keys.account, 'account', at, now)
      : 0;
    const addressFailures = keys.address
      ? await this.#countWindow(trx, keys, keys.address, 'address', at, now)
      : 0;
    const burst = accountFailures >= this.rules.accountBurst || addressFailures >= this.rules.addressBurst;
    // A parallel correct sign-in may have cleared the pair meanwhile: then nothing waits.
    const [pair] = await repo.findThrottles(trx, [keys.pair]);
    const failures = consecutiveFailures(this.rules, pair, now);
    const retry = retryAfterSeconds(this.rules, pair, burst, now);
    return {
      failures,
      retryAfterSeconds: retry,
      waitBegan: retry > 0 && waitAfter(this.rules, failures - 1, burst) === 0,
      accountBurstBegan: accountFailures === this.rules.accountBurst,
      addressBurstBegan: addressFailures === this.rules.addressBurst,
      accountFailures,
      addressFailures,
    };
  }

  /** The right password: this pair's failures are forgotten (bursts keep counting the hour). */
  async succeeded(trx: Executor, keys: ThrottleKeys): Promise<void> {
    await repo.deleteThrottle(trx, keys.pair);
  }

  /** An administrator lifts every wait of an account name (and its password-change count). */
  lift(trx: Executor, name: string): Promise<number> {
    return repo.deleteThrottlesOfAccount(trx, name);
  }

  /** What an administrator sees of an account name's counters. */
  async status(db: Executor, name: string, now: Date): Promise<SignInThrottle> {
    const rows = await repo.throttlesOfAccount(db, name);
    const account = rows.find((r) => r.kind === 'account');
    const recentFailures = windowFailures(this.rules, account, now);
    const accountBurst = recentFailures >= this.rules.accountBurst;
    const pairs = rows.filter((r) => r.kind === 'pair' && consecutiveFailures(this.rules, r, now) > 0);
    const addressCounters = await repo.findThrottles(
      db,
      pairs.map((p) => `address:${p.address}`),
    );
    const addressBurst = new Set(
      addressCounters
        .filter((c) => windowFailures(this.rules, c, now) >= this.rules.addressBurst)
        .map((c) => c.address),
    );
    const password = rows.find((r) => r.kind === 'password');
    return {
      recentFailures,
      burst: accountBurst,
      sources: pairs.map((p) => ({
        address: p.address ?? 'unknown',
        failures: p.failures,
        lastFailedAt: p.last_failed_at,
        addressBurst: addressBurst.has(p.address),
        retryAfterSeconds: retryAfterSeconds(this.rules, p, accountBurst || addressBurst.has(p.address), now),
      })),
      passwordChange:
        password && consecutiveFailures(this.rules, password, now) > 0
          ? {
              failures: password.failures,
              lastFailedAt: password.last_failed_at,
              retryAfterSeconds: retryAfterSeconds(this.rules, password, false, now),
            }
          : null,
    };
  }

  async #inBurst(db: Executor, keys: ThrottleKeys, now: Date): Promise<boolean> {
    const counters = await repo.findThrottles(
      db,
      [keys.account, keys.address].filter((k) => k !== null),
    );
    return counters.some((c) =>
      c.kind === 'account'
        ? windowFailures(this.rules, c, now) >= this.rules.accountBurst
        : windowFailures(this.rules, c, now) >= this.rules.addressBurst,
    );
  }

  /** One more failure in a burst counter's hour (a new hour starts over); returns the count. */
  async #countWindow(
    trx: Executor,
    keys: ThrottleKeys,
    key: string,
    kind: 'account' | 'address',
    at: string,
    now: Date,
  ): Promise<number> {
    const row = await repo.lockThrottle(trx, this.#fresh(keys, key, kind, at));
    const before = windowFailures(this.rules, row, now);
    const failures = before + 1;
    await repo.saveThrottle(trx, {
      ...row,
      failures,
      window_started_at: before === 0 ? at : row.window_started_at,
      last_failed_at: at,
    });
    return failures;
  }

  #fresh(keys: ThrottleKeys, key: string, kind: repo.ThrottleRow['kind'], at: string): repo.ThrottleRow {
    return {
      key,
      kind,
      account: kind === 'address' ? null : keys.name,
      address: kind === 'account' || kind === 'password' ? null : keys.addressLabel,
      failures: 0,
      window_started_at: at,
      last_failed_at: at,
    };
  }
}
