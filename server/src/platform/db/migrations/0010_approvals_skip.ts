import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * Why a step was skipped: approval actions get a `detail` (JSON) that records it in a form the web
 * client words in the reader's language — e.g. `[{"kind":"no_division_head","department":"市场部"}]`.
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  await db.schema.alterTable('approval_actions').addColumn('detail', d.types.json).execute();
}
