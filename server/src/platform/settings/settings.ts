import type { Executor } from '../db/schema.ts';

/** Organisation-wide settings an administrator changes at run time, one JSON value per key. */
export interface SettingsTables {
  settings: { key: string; value: string; updated_at: string; updated_by: string | null };
}

export async function readSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSetting(
  db: Executor,
  key: string,
  value: unknown,
  by: string | null,
  at: Date,
): Promise<void> {
  const row = { key, value: JSON.stringify(value), updated_at: at.toISOString(), updated_by: by };
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: by }),
    )
    .execute();
}
