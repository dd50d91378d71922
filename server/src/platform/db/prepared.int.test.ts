import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { prepared } from './prepared.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
// Each test starts from the same two rules: one of them renames a rule, and no test may see that.
beforeEach(async () => {
  const at = new Date().toISOString();
  await database.db.deleteFrom('channel_naming_rules').execute();
  await database.db
    .insertInto('channel_naming_rules')
    .values([
      { kind: 'team', pattern: '{team}-推进群', updated_at: at, updated_by: null },
      { kind: 'department', pattern: '{department}-日常工作群', updated_at: at, updated_by: null },
    ])
    .execute();
});
afterAll(() => database.drop());

describe('prepared queries', () => {
  it('build once and run with each call’s values, keeping the constants the builder bound', async () => {
    let builds = 0;
    const patternOf = prepared((db, p: { kind: string }) => {
      builds += 1;
      return db
        .selectFrom('channel_naming_rules')
        .select(['kind', 'pattern'])
        .where('kind', '=', p.kind)
        .where('pattern', '!=', '*');
    });
    expect(await patternOf.first(database.db, { kind: 'team' })).toEqual({
      kind: 'team',
      pattern: '{team}-推进群',
    });
    await database.db.transaction().execute(async (trx) => {
      expect(await patternOf.all(trx, { kind: 'department' })).toEqual([
        { kind: 'department', pattern: '{department}-日常工作群' },
      ]);
    });
    expect(await patternOf.first(database.db, { kind: 'all_hands' })).toBeUndefined();
    expect(builds).toBe(1);
  });

  it('report how many rows a change touched', async () => {
    const rename = prepared((db, p: { kind: string; pattern: string }) =>
      db.updateTable('channel_naming_rules').set({ pattern: p.pattern }).where('kind', '=', p.kind),
    );
    expect(
      Number((await rename.execute(database.db, { kind: 'team', pattern: '{team}群' })).numAffectedRows),
    ).toBe(1);
    expect(Number((await rename.execute(database.db, { kind: 'none', pattern: 'x' })).numAffectedRows)).toBe(
      0,
    );
  });

  it('refuse a parameter that the query does not bind as a value', async () => {
    const inlined = prepared((db, p: { column: string }) =>
      db.selectFrom('channel_naming_rules').select(sql.raw(String(p.column)).as('x')),
    );
    await expect(inlined.all(database.db, { column: 'kind' })).rejects.toThrow(/not a bound value/);
  });
});
