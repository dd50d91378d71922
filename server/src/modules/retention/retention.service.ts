import type { Readable } from 'node:stream';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  type CreateLegalHoldRequest,
  type LegalHold,
  type MessageArchive,
  MIN_RETENTION_DAYS,
  type RetentionPolicy,
} from '@liaison/contracts';
import { type ActorContext, SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import { DAY } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { ARCHIVE_JOB, ArchivesService } from './archives.service.ts';
import * as repo from './retention.repository.ts';
import type { RetentionDeps } from './retention-deps.ts';

export type { RetentionDeps } from './retention-deps.ts';

/** Taken by retention runs and by new holds, so no batch is deleted past a hold placed meanwhile. */
const HOLDS_LOCK = 'legal-holds';

export const JOB = {
  apply: 'retention.apply',
  pruneEvents: 'events.prune',
  ...ARCHIVE_JOB,
} as const;

/** Channel ids per query when choosing expired messages (well under either database's bound-value limit). */
const CHANNEL_CHUNK = 500;
/** Messages deleted per transaction. */
const BATCH = 500;

/**
 * 备份与追溯: how long communication is kept (at least two years, per channel kind), legal holds
 * that suspend deletion, the daily run that applies both, and the monthly archive per channel.
 * All of it runs as database jobs, so a restart or a second node neither skips nor repeats work.
 */
export class RetentionService {
  readonly #deps: RetentionDeps;
  readonly #archives: ArchivesService;

  constructor(deps: RetentionDeps) {
    this.#deps = deps;
    this.#archives = new ArchivesService(deps);
    const { jobs } = deps;
    jobs.register({ kind: JOB.apply, run: () => this.applyRetention().then(() => undefined) });
    jobs.register({ kind: JOB.pruneEvents, run: () => this.pruneEvents().then(() => undefined) });
    jobs.schedule({ name: 'daily retention', kind: JOB.apply, when: { every: 'day', hour: 2, minute: 30 } });
    jobs.schedule({
      name: 'daily event pruning',
      kind: JOB.pruneEvents,
      when: { every: 'day', hour: 4, minute: 0 },
    });
  }

  async policies(): Promise<RetentionPolicy[]> {
    const rows = await repo.policies(this.#deps.db);
    return CHANNEL_KINDS.map((kind) => {
      const row = rows.find((r) => r.channel_kind === kind);
      return {
        channelKind: kind,
        keepDays: row?.keep_days ?? MIN_RETENTION_DAYS,
        updatedAt: row?.updated_at ?? null,
      };
    });
  }

  async updatePolicy(ctx: ActorContext, kind: ChannelKind, keepDays: number): Promise<RetentionPolicy[]> {
    const before = (await this.policies()).find((p) => p.channelKind === kind)!;
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.savePolicy(trx, kind, keepDays, ctx.actor.userId, this.#now());
      await this.#deps.audit.record(trx, ctx, {
        action: 'retention.policy.changed',
        targetType: 'retention_policy',
        targetId: kind,
        summary: { keepDays: { from: before.keepDays, to: keepDays } },
      });
    });
    return this.policies();
  }

  async holds(): Promise<LegalHold[]> {
    const { db, channels, people } = this.#deps;
    const rows = await repo.holds(db);
    const [channelRows, persons] = await Promise.all([
      channels.byIds(
        db,
        rows.filter((r) => r.target_type === 'channel').map((r) => r.target_id),
      ),
      people.refs(
        db,
        rows.flatMap((r) => [r.created_by, r.released_by, r.target_type === 'user' ? r.target_id : null]),
      ),
    ]);
    const person = (id: string | null) => (id ? (persons.get(id) ?? null) : null);
    return rows.map((r) => ({
      id: r.id,
      targetType: r.target_type,
      targetId: r.target_id,
      targetName:
        (r.target_type === 'channel'
          ? channelRows.get(r.target_id)?.name
          : persons.get(r.target_id)?.displayName) ?? r.target_id,
      reason: r.reason,
      createdBy: person(r.created_by),
      createdAt: r.created_at,
      releasedAt: r.released_at,
      releasedBy: person(r.released_by),
    }));
  }

  async createHold(ctx: ActorContext, input: CreateLegalHoldRequest): Promise<LegalHold> {
    const id = newId();
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, HOLDS_LOCK);
      const exists =
        input.targetType === 'channel'
          ? await this.#deps.channels.byId(trx, input.targetId)
          : (await this.#deps.people.refs(trx, [input.targetId])).get(input.targetId);
      if (!exists) throw errors.invalidField('body.targetId', `no such ${input.targetType}`);
      await repo.insertHold(trx, {
        id,
        target_type: input.targetType,
        target_id: input.targetId,
        reason: input.reason,
        created_by: ctx.actor.userId,
        created_at: this.#now(),
        released_at: null,
        released_by: null,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'legal_hold.created',
        targetType: input.targetType,
        targetId: input.targetId,
        summary: { holdId: id, reason: input.reason },
      });
    });
    return (await this.holds()).find((h) => h.id === id)!;
  }

  async releaseHold(ctx: ActorContext, id: string): Promise<LegalHold> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const hold = await repo.findHold(trx, id);
      if (!hold) throw errors.notFound('Legal hold');
      if (hold.released_at) throw errors.conflict('This hold was already released.');
      await repo.releaseHold(trx, id, ctx.actor.userId, this.#now());
      await this.#deps.audit.record(trx, ctx, {
        action: 'legal_hold.released',
        targetType: hold.target_type,
        targetId: hold.target_id,
        summary: { holdId: id },
      });
    });
    return (await this.holds()).find((h) => h.id === id)!;
  }

  /**
   * Deletes what its channel kind's policy no longer keeps, except under a legal hold, in batches;
   * drops uploads that were never posted. The run is audited with its counts.
   */
  async applyRetention(): Promise<{ deleted: Record<string, number>; orphanUploads: number }> {
    const { db, clock, blobs, messages } = this.#deps;
    const now = clock.now();
    const deleted: Record<string, number> = {};
    for (const policy of await this.policies()) {
      const cutoff = new Date(now.getTime() - policy.keepDays * DAY).toISOString();
      let count = 0;
      let chunk = 0;
      for (;;) {
        // Choosing and deleting happen under the hold lock, so a hold placed meanwhile is honoured.
        const { ids, files, more } = await db.transaction().execute(async (trx) => {
          await this.#deps.dialect.lockNamed(trx, HOLDS_LOCK);
          const { channelIds, keepAuthorIds, more } = await this.#deletable(trx, policy.channelKind, chunk);
          const ids = await messages.expiredIds(trx, { channelIds, cutoff, keepAuthorIds, limit: BATCH });
          return { ids, files: await messages.purge(trx, ids), more };
        });
        for (const key of files) await blobs.delete(key);
        count += ids.length;
        // A full batch: this slice of channels may have more; else on to the next slice.
        if (ids.length < BATCH) {
          if (!more) break;
          chunk++;
        }
      }
      if (count > 0) deleted[policy.channelKind] = count;
    }
    const orphans = await messages.purgeOrphanUploads(db, new Date(now.getTime() - DAY).toISOString());
    for (const key of orphans) await blobs.delete(key);
    await this.#deps.audit.record(db, SYSTEM_CONTEXT, {
      action: 'retention.applied',
      targetType: 'retention',
      summary: {
        deleted,
        orphanUploads: orphans.length,
        holds: (await this.holds()).filter((h) => !h.releasedAt).length,
      },
    });
    return { deleted, orphanUploads: orphans.length };
  }

  /**
   * The `chunk`th slice of a kind's channels whose old messages may go, and the people whose
   * messages stay: not a channel under an active legal hold, not a direct or external conversation
   * a held person is listed in (their side of a conversation needs the other side too), and not a
   * message a held person wrote.
   */
  async #deletable(trx: Executor, kind: ChannelKind, chunk: number) {
    const { channels } = this.#deps;
    const held = await repo.activeHoldTargets(trx);
    const kept = new Set([...held.channelIds, ...(await channels.listedChannelIds(trx, held.userIds))]);
    const all = (await channels.idsOfKind(trx, kind)).filter((id) => !kept.has(id));
    const start = chunk * CHANNEL_CHUNK;
    return {
      channelIds: all.slice(start, start + CHANNEL_CHUNK),
      keepAuthorIds: held.userIds,
      more: start + CHANNEL_CHUNK < all.length,
    };
  }

  async pruneEvents(): Promise<number> {
    return this.#deps.events.prune(
      new Date(this.#deps.clock.now().getTime() - this.#deps.eventRetentionDays * DAY),
    );
  }

  archives(filter: {
    channelId?: string | undefined;
    month?: string | undefined;
  }): Promise<MessageArchive[]> {
    return this.#archives.archives(filter);
  }

  requestArchive(ctx: ActorContext, channelId: string, month: string): Promise<void> {
    return this.#archives.requestArchive(ctx, channelId, month);
  }

  download(
    ctx: ActorContext,
    id: string,
  ): Promise<{ archive: MessageArchive; stream: Readable; fileName: string }> {
    return this.#archives.download(ctx, id);
  }

  writeArchive(channelId: string, month: string, requestedBy: string | null): Promise<void> {
    return this.#archives.writeArchive(channelId, month, requestedBy);
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}
