import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * Notices in the reader's language:
 * - `notices.texts` (JSON `{ "title": Text | string, "body": Text | string }`) keeps what a notice
 *   says as catalogue keys and parameters, so each recipient reads it in their own language. The
 *   `title`/`body` columns keep the Chinese rendering: old rows have only those, and anything that
 *   reads them (search, exports) still finds words.
 * - `webhooks.locale`: a robot posts into a group, not to a person, so the language is the webhook's.
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  await db.schema.alterTable('notices').addColumn('texts', d.types.json).execute();
  await db.schema
    .alterTable('webhooks')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .execute();
}
