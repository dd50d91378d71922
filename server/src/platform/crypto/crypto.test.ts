import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { newId } from './ids.ts';
import { deriveKey, FieldCipher } from './keys.ts';

describe('field encryption', () => {
  it('round-trips, randomises each ciphertext, and detects tampering', () => {
    const cipher = new FieldCipher(randomBytes(32));
    const a = cipher.encrypt('13800138000');
    expect(a).not.toContain('13800138000');
    expect(cipher.encrypt('13800138000')).not.toBe(a);
    expect(cipher.decrypt(a)).toBe('13800138000');
    const parts = a.split('.');
    parts[3] = Buffer.from('x').toString('base64url') + parts[3]!.slice(2);
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new FieldCipher(randomBytes(32)).decrypt(a)).toThrow();
  });

  it('derives different keys per purpose', () => {
    const secret = randomBytes(32);
    expect(deriveKey(secret, 'csrf').equals(deriveKey(secret, 'audit-chain'))).toBe(false);
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('正确的密码-2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('正确的密码-2026', hash)).toBe(true);
    expect(await verifyPassword('正确的密码-2027', hash)).toBe(false);
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
  });

  it('generates temporary passwords that meet the password rules', () => {
    const p = generatePassword();
    expect(p).toHaveLength(16);
    expect(p).toMatch(/\p{L}/u);
    expect(p).toMatch(/\d/);
  });
});

describe('ids', () => {
  it('are UUIDv7 and sort by creation', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
