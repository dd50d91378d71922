import type { Delivery, DeliveryListQuery, DeliveryPage } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as repo from './deliveries.repository.ts';
import type { OutboxWorker } from './outbox.worker.ts';

/** The outbox as administrators see it: what is pending, sent and dead, and resending the dead. */
export class DeliveriesService {
  readonly #deps: { db: Kysely<DB>; clock: Clock; audit: AuditService; outbox: OutboxWorker };

  constructor(deps: { db: Kysely<DB>; clock: Clock; audit: AuditService; outbox: OutboxWorker }) {
    this.#deps = deps;
  }

  async list(query: DeliveryListQuery): Promise<DeliveryPage> {
    const [{ rows, total }, counts] = await Promise.all([
      repo.list(this.#deps.db, query),
      repo.countsByStatus(this.#deps.db),
    ]);
    return { items: rows.map(toDelivery), total, page: query.page, pageSize: query.pageSize, counts };
  }

  async resend(ctx: ActorContext, id: string): Promise<Delivery> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row) throw errors.notFound(text('nouns.delivery'));
      if (!(await repo.requeue(trx, id, this.#deps.clock.now().toISOString()))) {
        throw errors.conflict(text('notifications.errors.resendOnlyDead'));
      }
      await this.#deps.audit.record(trx, ctx, {
        action: 'notification.delivery.resent',
        targetType: 'delivery',
        targetId: id,
        summary: { channel: row.channel, target: row.target, lastError: row.last_error },
      });
    });
    this.#deps.outbox.wake();
    const row = await repo.findById(this.#deps.db, id);
    return toDelivery(row!);
  }
}

function toDelivery(row: repo.DeliveryRow): Delivery {
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    target: row.target,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}
