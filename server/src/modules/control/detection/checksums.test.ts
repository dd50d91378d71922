import { describe, expect, it } from 'vitest';
import { isValidCnIdCard, isValidUscc, luhnValid } from './checksums.ts';

/** An ID number with its MOD 11-2 check character computed, for dates the samples lack. */
function idCard(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const TODAY = new Date('2026-03-15T12:00:00Z');

describe('isValidCnIdCard', () => {
  it('accepts the published sample and computed valid numbers', () => {
    expect(isValidCnIdCard('11010519491231002X', TODAY)).toBe(true);
    expect(isValidCnIdCard(idCard('44030619900307121'), TODAY)).toBe(true);
    expect(isValidCnIdCard(idCard('31011520000229004'), TODAY)).toBe(true); // 2000 was a leap year
  });

  it('accepts a lower-case x as the check character', () => {
    expect(isValidCnIdCard('11010519491231002x', TODAY)).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(isValidCnIdCard('110105194912310021', TODAY)).toBe(false);
    expect(isValidCnIdCard('110105194912310029', TODAY)).toBe(false);
  });

  it('refuses impossible dates', () => {
    expect(isValidCnIdCard(idCard('11010519990230123'), TODAY)).toBe(false); // 30 February
    expect(isValidCnIdCard(idCard('11010519000229123'), TODAY)).toBe(false); // 1900 not a leap year
    expect(isValidCnIdCard(idCard('11010519991301123'), TODAY)).toBe(false); // month 13
    expect(isValidCnIdCard(idCard('11010519990100123'), TODAY)).toBe(false); // day 0
    expect(isValidCnIdCard(idCard('11010519990431123'), TODAY)).toBe(false); // 31 April
  });

  it('refuses birth dates in the future or not after 1900', () => {
    expect(isValidCnIdCard(idCard('11010520260316123'), TODAY)).toBe(false);
    expect(isValidCnIdCard(idCard('11010520260315123'), TODAY)).toBe(true);
    expect(isValidCnIdCard(idCard('11010518991231123'), TODAY)).toBe(false);
    expect(isValidCnIdCard(idCard('11010519000101123'), TODAY)).toBe(false);
  });

  it('refuses regions that are not provinces, wrong lengths and non-digits', () => {
    expect(isValidCnIdCard(idCard('99010519491231002'), TODAY)).toBe(false);
    expect(isValidCnIdCard(idCard('00010519491231002'), TODAY)).toBe(false);
    expect(isValidCnIdCard('11010519491231002', TODAY)).toBe(false);
    expect(isValidCnIdCard('11010519491231002X1', TODAY)).toBe(false);
    expect(isValidCnIdCard('1101051949123100AX', TODAY)).toBe(false);
    expect(isValidCnIdCard('X10105194912310021', TODAY)).toBe(false);
  });
});

describe('luhnValid', () => {
  it('accepts Luhn-valid numbers', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('6212345678901265')).toBe(true);
    expect(luhnValid('0')).toBe(true);
  });

  it('refuses a changed digit, a transposition, non-digits and the empty string', () => {
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4111111111111121')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('isValidUscc', () => {
  it('accepts the published sample', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('refuses a wrong check character', () => {
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      if (c !== '3') expect(isValidUscc(`91350100M000100Y4${c}`)).toBe(false);
    }
  });

  it('refuses letters outside the alphabet (I, O, S, V, Z), lower case and wrong lengths', () => {
    expect(isValidUscc('91350100M000100I43')).toBe(false);
    expect(isValidUscc('91350100M000100O43')).toBe(false);
    expect(isValidUscc('91350100m000100y43')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y433')).toBe(false);
  });

  it('refuses a registration authority, type or region that cannot be', () => {
    expect(isValidUscc('01350100M000100Y43')).toBe(false);
    expect(isValidUscc('90350100M000100Y43')).toBe(false);
    expect(isValidUscc('913A0100M000100Y43')).toBe(false);
  });
});
