import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { GroupCommit } from '../../platform/db/group-commit.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import type { ControlGate } from '../control/gate.service.ts';
import type { ReviewService } from '../control/review.service.ts';
import type { MessagePeople } from './message-view.ts';

export interface MessagesDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  channels: ChannelsService;
  /** Who people are: the users module, asked by id or username. */
  people: MessagePeople;
  /** Shares commits between posts that arrive together. */
  writes: GroupCommit;
  /** Communication control: asked before anything is stored or delivered. */
  control: ControlGate;
  review: ReviewService;
  /** How long an author may edit or delete their own message. */
  editWindowMinutes: number;
  /** Seals the original of a redacted message: it holds what the policy caught. */
  cipher: FieldCipher;
}
