import { hostname } from 'node:os';
import type { WebhookFormat } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as repo from './deliveries.repository.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';
import { buildWebhookRequest, type OutgoingNotice, robotRefusal } from './webhook-formats.ts';

export interface WebhookTarget {
  format: WebhookFormat;
  url: string;
  secret: string | null;
}

export interface OutboxDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  /** The webhook's current address and secret (decrypted), or null once it is deleted. */
  webhookTarget(id: string): Promise<WebhookTarget | null>;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Deliveries claimed per round trip. */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** Per-request timeout for webhooks. */
  webhookTimeoutMs?: number;
}

/** First retry after 5 s, doubling, capped at an hour: 8 attempts span about ten minutes. */
export function deliveryBackoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** (attempt - 1), 3_600_000);
}

/** How long a claimed delivery may take before another worker assumes this one died. */
const LEASE_MS = 2 * 60_000;

/**
 * Sends what the notification center put in the outbox (the `deliveries` table). Each delivery
 * is claimed by exactly one worker, sent, and marked sent; a failure is retried with backoff and,
 * after its attempts run out, dead-lettered with the last error for an administrator to resend.
 * A delivery is sent twice only if a node dies between sending it and recording that it did.
 */
export class OutboxWorker {
  readonly #deps: OutboxDeps;
  readonly #workerId = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  #timer: NodeJS.Timeout | null = null;
  #busy: Promise<unknown> | null = null;
  #again = false;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
  }

  start(pollMs = 1000): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.wake(), pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#busy;
  }

  /** Look for work now (called after a commit that queued deliveries). */
  wake(): void {
    if (!this.#timer) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = this.runDue()
      .catch((err) => this.#deps.log?.error({ err }, 'outbox pass failed'))
      .finally(() => {
        this.#busy = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Sends every due delivery; returns how many were attempted. Tests call it with a moved clock. */
  async runDue(): Promise<number> {
    const { db, dialect, clock } = this.#deps;
    const batch = this.#deps.batchSize ?? 64;
    let attempted = 0;
    for (;;) {
      const claimed = await repo.claim(db, dialect, this.#workerId, clock.now(), LEASE_MS, batch);
      if (claimed.length === 0) return attempted;
      attempted += claimed.length;
      const sent: string[] = [];
      // A batch is mostly for a few webhooks; look each one up once per batch, not per delivery.
      const targets = new Map<string, Promise<WebhookTarget | null>>();
      await forEachLimited(claimed, this.#deps.concurrency ?? 16, async (delivery) => {
        try {
          await this.#send(delivery, targets);
          sent.push(delivery.id);
        } catch (err) {
          await this.#failed(delivery, err);
        }
      });
      await repo.markSent(db, sent, this.#workerId, clock.now().toISOString());
      if (claimed.length < batch) return attempted;
    }
  }

  async #send(
    delivery: repo.DeliveryRow,
    targets: Map<string, Promise<WebhookTarget | null>>,
  ): Promise<void> {
    if (delivery.channel === 'email') {
      await this.#deps.mailer.send(JSON.parse(delivery.payload) as OutgoingMail);
      return;
    }
    const hookId = delivery.webhook_id;
    if (hookId && !targets.has(hookId)) targets.set(hookId, this.#deps.webhookTarget(hookId));
    const target = hookId ? await targets.get(hookId)! : null;
    if (!target) throw new PermanentFailure('the webhook no longer exists');
    const notice = JSON.parse(delivery.payload) as OutgoingNotice;
    const request = buildWebhookRequest(target, notice, delivery.id, this.#deps.clock.now());
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.#deps.webhookTimeoutMs ?? 10_000),
    });
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
    const refusal = robotRefusal(target.format, text);
    if (refusal) throw new Error(refusal);
  }

  async #failed(delivery: repo.DeliveryRow, err: unknown): Promise<void> {
    const { db, clock } = this.#deps;
    const now = clock.now();
    const dead = err instanceof PermanentFailure || delivery.attempts >= delivery.max_attempts;
    const error = describe(err);
    const recorded = await repo.markFailed(db, delivery.id, this.#workerId, {
      dead,
      nextAttemptAt: dead
        ? null
        : new Date(now.getTime() + deliveryBackoffMs(delivery.attempts)).toISOString(),
      error,
      at: now.toISOString(),
    });
    this.#deps.log?.warn(
      { delivery: delivery.id, channel: delivery.channel, attempt: delivery.attempts, dead, err: error },
      'delivery failed',
    );
    if (dead && recorded) {
      await this.#deps.audit.record(db, SYSTEM_CONTEXT, {
        action: 'notification.delivery.dead',
        targetType: 'delivery',
        targetId: delivery.id,
        summary: { channel: delivery.channel, target: delivery.target, attempts: delivery.attempts, error },
      });
    }
  }
}

/** A failure no retry can fix (the webhook was deleted): dead-lettered at once. */
class PermanentFailure extends Error {}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}
