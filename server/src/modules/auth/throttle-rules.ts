import { isIP } from 'node:net';
import { DAY, HOUR, MINUTE, SECOND } from '../../platform/clock.ts';

/**
 * How failed password checks slow further guesses (OWASP ASVS 5.0 V6.1.1/V6.3.1: defend against
 * brute force and credential stuffing *without* letting anyone lock an owner out). Pure: the
 * throttle loads the counters and asks these rules.
 *
 * - The unit is an **account name from one address** (a pair). It has `maxFailures` free failures;
 *   then it must wait, 30 s at first and twice as long after every further failure, up to
 *   `lockMinutes`. Its count is consecutive: a successful sign-in clears it, a day without failure
 *   forgets it. No other pair waits, so the owner signing in from anywhere else is never refused.
 * - **Bursts** are counted per hour for an account name (from every address) and for an address
 *   (over every name). While either is in a burst, its pairs get one free failure instead of
 *   `maxFailures`: a botnet spreading guesses over addresses, or one address spraying names (behind
 *   a company proxy: the whole company), gets one guess per pair before waiting — but a pair that
 *   has not failed is still checked, so other people's correct sign-ins from that address go
 *   through. A burst also tells the owner and the administrators.
 * - Names are counted whether they exist or not, so nothing here reveals which accounts exist.
 */
export interface ThrottleRules {
  /** Free failures of a pair outside a burst (LIAISON_LOGIN_MAX_FAILURES). */
  freeFailures: number;
  firstWaitMs: number;
  /** The longest wait (LIAISON_LOGIN_LOCK_MINUTES). */
  maxWaitMs: number;
  /** A pair's consecutive failures are forgotten after this long without one. */
  forgetAfterMs: number;
  /** Bursts are counted per window of this length. */
  burstWindowMs: number;
  /** Failures of one account name within a window that make a burst. */
  accountBurst: number;
  /** Failures from one address within a window that make a burst. */
  addressBurst: number;
}

/** An account name's burst threshold, as a multiple of the free failures. */
const ACCOUNT_BURST_FACTOR = 2;
/** An address's burst threshold: many people may share it (a proxy), so it is much higher. */
const ADDRESS_BURST_FACTOR = 10;

export function throttleRules(config: { maxFailures: number; lockMinutes: number }): ThrottleRules {
  const maxWaitMs = config.lockMinutes * MINUTE;
  return {
    freeFailures: config.maxFailures,
    firstWaitMs: Math.min(30 * SECOND, maxWaitMs),
    maxWaitMs,
    forgetAfterMs: Math.max(DAY, 2 * maxWaitMs),
    burstWindowMs: HOUR,
    accountBurst: config.maxFailures * ACCOUNT_BURST_FACTOR,
    addressBurst: config.maxFailures * ADDRESS_BURST_FACTOR,
  };
}

export interface Counter {
  failures: number;
  window_started_at: string;
  last_failed_at: string;
}

/** A pair's consecutive failures now (0 once forgotten). */
export function consecutiveFailures(rules: ThrottleRules, pair: Counter | undefined, now: Date): number {
  if (!pair) return 0;
  return now.getTime() - Date.parse(pair.last_failed_at) > rules.forgetAfterMs ? 0 : pair.failures;
}

/** Failures a burst counter holds in its current window (0 once the window is over). */
export function windowFailures(rules: ThrottleRules, counter: Counter | undefined, now: Date): number {
  if (!counter) return 0;
  return now.getTime() - Date.parse(counter.window_started_at) >= rules.burstWindowMs ? 0 : counter.failures;
}

export function freeFailures(rules: ThrottleRules, burst: boolean): number {
  return burst ? 1 : rules.freeFailures;
}

/** How long a pair with `failures` consecutive failures waits after its last one (0: none). */
export function waitAfter(rules: ThrottleRules, failures: number, burst: boolean): number {
  const over = failures - freeFailures(rules, burst);
  if (over < 0) return 0;
  // 2^over grows past any wait quickly; cap the exponent so the arithmetic stays exact.
  return Math.min(rules.maxWaitMs, rules.firstWaitMs * 2 ** Math.min(over, 30));
}

/** Whole seconds until the pair may try again, or 0 when it may try now. */
export function retryAfterSeconds(
  rules: ThrottleRules,
  pair: Counter | undefined,
  burst: boolean,
  now: Date,
): number {
  const failures = consecutiveFailures(rules, pair, now);
  if (!pair || failures === 0) return 0;
  const until = Date.parse(pair.last_failed_at) + waitAfter(rules, failures, burst);
  return Math.max(0, Math.ceil((until - now.getTime()) / SECOND));
}

/**
 * The address a client is counted under: IPv4-mapped IPv6 as plain IPv4, and IPv6 by its /64 —
 * one subscriber or host usually owns a whole /64, so counting single IPv6 addresses would let
 * one client rotate through millions of them.
 */
export function throttleAddress(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(mapped) === 4) return mapped;
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return groups.map((g) => (Number.parseInt(g, 16) || 0).toString(16));
}
