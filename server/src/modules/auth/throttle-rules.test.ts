import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import {
  consecutiveFailures,
  retryAfterSeconds,
  throttleAddress,
  throttleRules,
  waitAfter,
  windowFailures,
} from './throttle-rules.ts';

const rules = throttleRules({ maxFailures: 5, lockMinutes: 15 });
const at = new Date('2026-11-02T01:00:00.000Z');
const counter = (failures: number, lastFailedAt = at, windowStartedAt = lastFailedAt) => ({
  failures,
  last_failed_at: lastFailedAt.toISOString(),
  window_started_at: windowStartedAt.toISOString(),
});

describe('sign-in throttle rules', () => {
  it('gives a pair its free failures, then waits that double from 30 s up to the longest wait', () => {
    const waits = Array.from({ length: 11 }, (_, i) => waitAfter(rules, i + 1, false) / 1000);
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
    expect(waitAfter(rules, 500, false)).toBe(15 * MINUTE);
  });

  it('gives one free failure in a burst', () => {
    expect(waitAfter(rules, 1, true) / 1000).toBe(30);
    expect(waitAfter(rules, 2, true) / 1000).toBe(60);
  });

  it('counts the wait from the last failure, in whole seconds', () => {
    const pair = counter(5);
    expect(retryAfterSeconds(rules, pair, false, at)).toBe(30);
    expect(retryAfterSeconds(rules, pair, false, new Date(at.getTime() + 29_500))).toBe(1);
    expect(retryAfterSeconds(rules, pair, false, new Date(at.getTime() + 30_000))).toBe(0);
    expect(retryAfterSeconds(rules, counter(4), false, at)).toBe(0);
    expect(retryAfterSeconds(rules, undefined, true, at)).toBe(0);
  });

  it('forgets a pair a day after its last failure, and a burst count after its hour', () => {
    expect(consecutiveFailures(rules, counter(9), new Date(at.getTime() + DAY))).toBe(9);
    expect(consecutiveFailures(rules, counter(9), new Date(at.getTime() + DAY + 1))).toBe(0);
    expect(windowFailures(rules, counter(40), new Date(at.getTime() + HOUR - 1))).toBe(40);
    expect(windowFailures(rules, counter(40), new Date(at.getTime() + HOUR))).toBe(0);
  });

  it('sets the bursts at twice (a name) and ten times (an address) the free failures', () => {
    expect(rules.accountBurst).toBe(10);
    expect(rules.addressBurst).toBe(50);
    expect(throttleRules({ maxFailures: 1, lockMinutes: 1 }).firstWaitMs).toBe(30_000);
  });

  it('counts IPv4 as itself and IPv6 by its /64', () => {
    expect(throttleAddress('10.1.2.3')).toBe('10.1.2.3');
    expect(throttleAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(throttleAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress(null)).toBe('unknown');
  });
});
