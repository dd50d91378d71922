import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/**
 * Sign-in throttling per account name *and* address (issue 11): the old table counted per name and
 * per address separately and held a lock time; the new one keeps, per counter, what the rules need
 * to compute a growing wait (consecutive failures and the last one) and which account and address a
 * counter belongs to, so an administrator can see and lift everything about one account. Counts are
 * transient (a day at most), so the old rows are simply dropped.
 */
export async function up(db: Kysely<unknown>, d: SqlDialect): Promise<void> {
  const { timestamp } = d.types;
  await db.schema.dropTable('login_throttle').execute();
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // 'pair' (account name from one address), 'account', 'address', or 'password' (the
    // current-password check of the password-change route, per signed-in user).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account', 'text')
    .addColumn('address', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', timestamp, (c) => c.notNull())
    .addColumn('last_failed_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_account_idx').on('login_throttle').column('account').execute();
  await db.schema
    .createIndex('login_throttle_last_failed_idx')
    .on('login_throttle')
    .column('last_failed_at')
    .execute();
}
