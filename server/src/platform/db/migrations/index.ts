import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect.ts';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_messaging.ts';
import * as m0003 from './0003_control.ts';
import * as m0004 from './0004_work.ts';
import * as m0005 from './0005_publishing.ts';
import * as m0006 from './0006_sign_in_throttle.ts';
import * as m0007 from './0007_control_sealed.ts';
import * as m0008 from './0008_calendar_provisional.ts';
import * as m0009 from './0009_search_substrings.ts';
import * as m0010 from './0010_approvals_skip.ts';
import * as m0014 from './0014_notice_texts.ts';
import * as m0015 from './0015_numbering.ts';

export interface PortableMigration {
  up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void>;
}

/**
 * Every migration, in order. One set for both databases: a migration uses the dialect's column
 * types and, only where unavoidable, branches on `dialect.kind` in place with a comment.
 * Never edit a migration that has shipped; add a new one.
 */
export const MIGRATIONS: Record<string, PortableMigration> = {
  '0001_foundation': m0001,
  '0002_messaging': m0002,
  '0003_control': m0003,
  '0004_work': m0004,
  '0005_publishing': m0005,
  '0006_sign_in_throttle': m0006,
  '0007_control_sealed': m0007,
  '0008_calendar_provisional': m0008,
  '0009_search_substrings': m0009,
  '0010_approvals_skip': m0010,
  '0014_notice_texts': m0014,
  '0015_numbering': m0015,
};
