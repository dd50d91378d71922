import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { GroupCommit } from './group-commit.ts';
import type { Executor } from './schema.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await database.db.deleteFrom('channel_naming_rules').execute();
});

// A table with a primary key, so a unit can fail on a duplicate after writing something.
const write = (trx: Executor, kind: string) =>
  trx
    .insertInto('channel_naming_rules')
    .values({ kind, pattern: '*', updated_at: new Date().toISOString(), updated_by: null })
    .execute();
const stored = async () =>
  (await database.db.selectFrom('channel_naming_rules').select('kind').orderBy('kind').execute()).map(
    (r) => r.kind,
  );

describe('group commit', () => {
  it('commits units that arrive together in one transaction, a failing unit rolling back alone', async () => {
    const group = new GroupCommit(database.db, { maxBatch: 16 });
    let transactions = 0;
    const seen = new Set<unknown>();
    const unit = (kinds: string[]) => (trx: Executor) => {
      if (!seen.has(trx)) {
        seen.add(trx);
        transactions += 1;
      }
      return (async () => {
        for (const kind of kinds) await write(trx, kind);
        return kinds.join();
      })();
    };
    const results = await Promise.allSettled([
      group.run(unit(['a'])),
      // Writes b, then fails on a duplicate: b must not survive.
      group.run(unit(['b', 'a'])),
      group.run(unit(['c'])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ value: 'a' });
    expect(transactions).toBe(1);
    expect(await stored()).toEqual(['a', 'c']);
  });

  it('takes work that arrives during a batch in the next one', async () => {
    const group = new GroupCommit(database.db, { maxBatch: 2 });
    const runs = ['a', 'b', 'c', 'd', 'e'].map((kind) => group.run((trx) => write(trx, kind)));
    await Promise.all(runs);
    expect(await stored()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('reports a lone failing unit as its own error and stores nothing of it', async () => {
    const group = new GroupCommit(database.db, { maxBatch: 16 });
    const failure = new Error('refused');
    await expect(
      group.run(async (trx) => {
        await write(trx, 'x');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await stored()).toEqual([]);
  });
});
