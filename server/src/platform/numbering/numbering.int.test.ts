import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { formatNumber, Numbering, periodOf } from './numbering.ts';

const ZONE = 'Asia/Shanghai';
let database: TestDatabase;
const numbering = new Numbering(ZONE);
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Each test numbers its own kind, so none sees another's counters. */
let kinds = 0;
const kind = () => `test-${++kinds}-${Math.random().toString(36).slice(2, 8)}`;

describe('numbering', () => {
  it('formats by the pattern, the period read in the organisation’s zone', () => {
    // 2026-12-31 16:30 UTC is already 1 January 2027 in Beijing.
    const newYear = new Date('2026-12-31T16:30:00Z');
    expect(formatNumber('TS-{yyyy}-{seq:4}', 7, newYear, ZONE)).toBe('TS-2027-0007');
    expect(formatNumber('联发〔{yyyy}〕{seq}号', 12, newYear, ZONE)).toBe('联发〔2027〕12号');
    expect(formatNumber('R{yy}{mm}-{seq:3}', 5, newYear, ZONE)).toBe('R2701-005');
    expect(periodOf('TS-{yyyy}-{seq:4}', newYear, ZONE)).toBe('2027');
    expect(periodOf('R{yy}{mm}-{seq:3}', newYear, ZONE)).toBe('2027-01');
    expect(periodOf('N-{seq}', newYear, ZONE)).toBe('all');
    expect(() => formatNumber('TS-{yyyy}', 1, newYear, ZONE)).toThrow(/without \{seq\}/);
  });

  it('hands out 1, 2, 3 … and starts again with the period', async () => {
    const format = { kind: kind(), pattern: 'TS-{yyyy}-{seq:4}' };
    const taken: string[] = [];
    for (const at of [
      '2026-12-31T10:00:00Z',
      '2026-12-31T15:59:59Z',
      '2026-12-31T16:00:00Z',
      '2027-03-01T00:00:00Z',
    ]) {
      taken.push(
        (await database.db.transaction().execute((trx) => numbering.next(trx, format, new Date(at)))).text,
      );
    }
    expect(taken).toEqual(['TS-2026-0001', 'TS-2026-0002', 'TS-2027-0001', 'TS-2027-0002']);
    expect(await numbering.last(database.db, format, new Date('2026-06-01T00:00:00Z'))).toBe(2);
    expect(await numbering.last(database.db, format, new Date('2028-06-01T00:00:00Z'))).toBe(0);
  });

  it('gives a rolled-back number back: no gap', async () => {
    const format = { kind: kind(), pattern: 'N-{seq}' };
    const at = new Date('2026-12-07T02:00:00Z');
    await database.db.transaction().execute((trx) => numbering.next(trx, format, at));
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect((await numbering.next(trx, format, at)).seq).toBe(2);
        throw new Error('the complaint failed to save');
      }),
    ).rejects.toThrow('failed to save');
    const again = await database.db.transaction().execute((trx) => numbering.next(trx, format, at));
    expect(again.text).toBe('N-2');
  });

  it('never repeats a number when many transactions ask at once', async () => {
    const format = { kind: kind(), pattern: 'C-{seq}' };
    const at = new Date('2026-12-07T02:00:00Z');
    const seqs = await Promise.all(
      Array.from({ length: 40 }, () =>
        database.db.transaction().execute(async (trx) => (await numbering.next(trx, format, at)).seq),
      ),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
