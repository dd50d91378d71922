import type { UserRef } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import type { MessagesService } from '../messages/messages.service.ts';

export interface RetentionDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  blobs: BlobStore;
  jobs: JobQueue;
  events: EventLog;
  /** Retention decides what may go; the messages module deletes it and reads months for archives. */
  messages: MessagesService;
  channels: ChannelsService;
  /** Who people are (hold targets and their creators): the users module. */
  people: { refs(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>> };
  timeZone: string;
  eventRetentionDays: number;
  /** Opens the sealed originals of redacted messages for the archive. */
  cipher: FieldCipher;
}
