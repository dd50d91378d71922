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
import type { Kysely } from 'kysely';
import { type ActorContext, SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import { type Clock, DAY } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import { openSealed } from '../../platform/crypto/sealed.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { fromWallClock, wallClock } from '../../platform/jobs/schedule.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { formatLocalDateTime } from '../../platform/text/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type MessageSearchIndex, messageSearchIndex } from '../messages/message-search.ts';
import { type ArchivedMessage, toCsv, toJsonLines } from './archive-format.ts';
import * as repo from './retention.repository.ts';

export interface RetentionDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  blobs: BlobStore;
  jobs: JobQueue;
  events: EventLog;
  timeZone: string;
  eventRetentionDays: number;
  /** Opens the sealed originals of redacted messages for the archive. */
  cipher: FieldCipher;
}

/** Taken by retention runs and by new holds, so no batch is deleted past a hold placed meanwhile. */
const HOLDS_LOCK = 'legal-holds';

export const JOB = {
  apply: 'retention.apply',
  monthlyArchive: 'archive.monthly',
  channelArchive: 'archive.channel-month',
  pruneEvents: 'events.prune',
} as const;

/**
 * 备份与追溯: how long communication is kept (at least two years, per channel kind), legal holds
 * that suspend deletion, the daily run that applies both, and the monthly archive per channel.
 * All of it runs as database jobs, so a restart or a second node neither skips nor repeats work.
 */
export class RetentionService {
  readonly #deps: RetentionDeps;
  readonly #search: MessageSearchIndex;

  constructor(deps: RetentionDeps) {
    this.#deps = deps;
    this.#search = messageSearchIndex(deps.dialect);
    const { jobs } = deps;
    jobs.register({ kind: JOB.apply, run: () => this.applyRetention().then(() => undefined) });
    jobs.register({ kind: JOB.pruneEvents, run: () => this.pruneEvents().then(() => undefined) });
    jobs.register<{ scheduledFor?: string }>({
      kind: JOB.monthlyArchive,
      run: (p) =>
        this.#enqueueMonthlyArchives(p.scheduledFor ? new Date(p.scheduledFor) : this.#deps.clock.now()),
    });
    jobs.register<{ channelId: string; month: string; requestedBy: string | null }>({
      kind: JOB.channelArchive,
      run: (p) => this.writeArchive(p.channelId, p.month, p.requestedBy),
    });
    jobs.schedule({ name: 'daily retention', kind: JOB.apply, when: { every: 'day', hour: 2, minute: 30 } });
    jobs.schedule({
      name: 'daily event pruning',
      kind: JOB.pruneEvents,
      when: { every: 'day', hour: 4, minute: 0 },
    });
    jobs.schedule({
      name: 'monthly archive',
      kind: JOB.monthlyArchive,
      when: { every: 'month', day: 1, hour: 3, minute: 0 },
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
    return (await repo.holds(this.#deps.db)).map(toHold);
  }

  async createHold(ctx: ActorContext, input: CreateLegalHoldRequest): Promise<LegalHold> {
    const id = newId();
    await this.#deps.db.transaction().execute(async (trx) => {
      await this.#deps.dialect.lockNamed(trx, HOLDS_LOCK);
      const exists =
        input.targetType === 'channel'
          ? await trx.selectFrom('channels').select('id').where('id', '=', input.targetId).executeTakeFirst()
          : await trx.selectFrom('users').select('id').where('id', '=', input.targetId).executeTakeFirst();
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
    const { db, clock, blobs } = this.#deps;
    const now = clock.now();
    const deleted: Record<string, number> = {};
    for (const policy of await this.policies()) {
      const cutoff = new Date(now.getTime() - policy.keepDays * DAY).toISOString();
      let count = 0;
      for (;;) {
        // Choosing and deleting happen under the hold lock, so a hold placed meanwhile is honoured.
        const { ids, files } = await db.transaction().execute(async (trx) => {
          await this.#deps.dialect.lockNamed(trx, HOLDS_LOCK);
          const batch = await repo.expiredMessages(trx, policy.channelKind, cutoff, 500);
          const ids = batch.map((m) => m.id);
          if (ids.length === 0) return { ids, files: [] };
          const files = await repo.attachmentKeysOf(trx, ids);
          await this.#search.removeMany(trx, ids);
          await repo.deleteMessages(trx, ids);
          return { ids, files };
        });
        if (ids.length === 0) break;
        for (const f of files) await blobs.delete(f.blob_key);
        count += ids.length;
      }
      if (count > 0) deleted[policy.channelKind] = count;
    }
    const orphans = await repo.orphanUploads(db, new Date(now.getTime() - DAY).toISOString());
    await repo.deleteAttachments(
      db,
      orphans.map((o) => o.id),
    );
    for (const o of orphans) await blobs.delete(o.blob_key);
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

  async pruneEvents(): Promise<number> {
    return this.#deps.events.prune(
      new Date(this.#deps.clock.now().getTime() - this.#deps.eventRetentionDays * DAY),
    );
  }

  async archives(filter: {
    channelId?: string | undefined;
    month?: string | undefined;
  }): Promise<MessageArchive[]> {
    return (await repo.archives(this.#deps.db, filter)).map(toArchive);
  }

  /** Queues (re)writing one channel-month archive; the file appears in the list when done. */
  async requestArchive(ctx: ActorContext, channelId: string, month: string): Promise<void> {
    const channel = await this.#deps.db
      .selectFrom('channels')
      .select('id')
      .where('id', '=', channelId)
      .executeTakeFirst();
    if (!channel) throw errors.invalidField('body.channelId', 'no such channel');
    if (month >= monthOf(this.#deps.clock.now(), this.#deps.timeZone)) {
      throw errors.invalidField('body.month', 'only months that are over can be archived');
    }
    await this.#deps.jobs.enqueue(
      this.#deps.db,
      JOB.channelArchive,
      { channelId, month, requestedBy: ctx.actor.userId },
      { uniqueKey: `archive:${channelId}:${month}` },
    );
  }

  async download(
    ctx: ActorContext,
    id: string,
  ): Promise<{ archive: MessageArchive; stream: Readable; fileName: string }> {
    const row = await repo.findArchive(this.#deps.db, id);
    if (!row) throw errors.notFound('Archive');
    await this.#deps.audit.record(this.#deps.db, ctx, {
      action: 'archive.downloaded',
      targetType: 'channel',
      targetId: row.channel_id,
      summary: { archiveId: id, month: row.month, format: row.format },
    });
    const archive = toArchive(row);
    return {
      archive,
      stream: await this.#deps.blobs.get(row.blob_key),
      fileName: `${row.channel_name}-${row.month}.${row.format}`,
    };
  }

  /** Writes the JSON Lines and CSV archives of one channel-month (replacing earlier ones). */
  async writeArchive(channelId: string, month: string, requestedBy: string | null): Promise<void> {
    const { db, blobs, timeZone } = this.#deps;
    const [year, mon] = month.split('-').map(Number) as [number, number];
    const from = fromWallClock(
      { year, month: mon, day: 1, hour: 0, minute: 0, second: 0 },
      timeZone,
    ).toISOString();
    const next = mon === 12 ? { year: year + 1, month: 1 } : { year, month: mon + 1 };
    const to = fromWallClock({ ...next, day: 1, hour: 0, minute: 0, second: 0 }, timeZone).toISOString();
    const rows = await repo.messagesBetween(db, channelId, from, to);
    const revisions = await repo.revisionsOf(
      db,
      rows.map((r) => r.id),
    );
    const messages: ArchivedMessage[] = rows.map((r) => ({
      seq: Number(r.seq),
      id: r.id,
      createdAt: r.created_at,
      author: r.author_username
        ? { username: r.author_username, name: r.author_name ?? r.author_username }
        : null,
      threadId: r.thread_root_id,
      body: r.body,
      editedAt: r.edited_at,
      deletedAt: r.deleted_at,
      deletedReason: r.deleted_reason,
      revisions: revisions
        .filter((v) => v.message_id === r.id)
        .map((v) => ({
          kind: v.kind,
          body: openSealed(this.#deps.cipher, v.body, v.sealed),
          at: v.at,
          actorId: v.actor_id,
          reason: v.reason,
        })),
    }));
    // Never replace an archive with a thinner one: after retention has removed messages, a
    // rewrite of an old month would otherwise destroy the only remaining record.
    const existing = await repo.archives(db, { channelId, month });
    if (existing.some((a) => a.message_count > messages.length)) return;
    const files = {
      jsonl: toJsonLines(messages),
      csv: toCsv(messages, (iso) => formatLocalDateTime(iso, timeZone)),
    };
    const version = this.#deps.clock.now().getTime();
    for (const [format, data] of Object.entries(files) as ['jsonl' | 'csv', Buffer][]) {
      // A new file for each version: the old one stays valid until the row points elsewhere.
      const key = `archives/${channelId}/${month}-${version}.${format}`;
      await blobs.put(key, data);
      await db.transaction().execute(async (trx) => {
        await repo.saveArchive(trx, {
          id: newId(),
          channel_id: channelId,
          month,
          format,
          blob_key: key,
          message_count: messages.length,
          size: data.length,
          created_by: requestedBy,
          created_at: this.#now(),
        });
        await this.#deps.audit.record(trx, SYSTEM_CONTEXT, {
          action: 'archive.created',
          targetType: 'channel',
          targetId: channelId,
          summary: { month, format, messages: messages.length, requestedBy },
        });
      });
      const previous = existing.find((a) => a.format === format);
      if (previous && previous.blob_key !== key) await blobs.delete(previous.blob_key);
    }
  }

  /** On the 1st: one archive job per channel that had messages in the month just ended. */
  async #enqueueMonthlyArchives(runAt: Date): Promise<void> {
    const { db, timeZone } = this.#deps;
    const local = wallClock(runAt, timeZone);
    const prev =
      local.month === 1 ? { year: local.year - 1, month: 12 } : { year: local.year, month: local.month - 1 };
    const month = `${prev.year}-${String(prev.month).padStart(2, '0')}`;
    const from = fromWallClock({ ...prev, day: 1, hour: 0, minute: 0, second: 0 }, timeZone).toISOString();
    const to = fromWallClock(
      { year: local.year, month: local.month, day: 1, hour: 0, minute: 0, second: 0 },
      timeZone,
    ).toISOString();
    for (const channelId of await repo.channelsWithMessages(db, from, to)) {
      await this.#deps.jobs.enqueue(
        db,
        JOB.channelArchive,
        { channelId, month, requestedBy: null },
        {
          uniqueKey: `archive:${channelId}:${month}`,
        },
      );
    }
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}

function monthOf(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

function toHold(r: repo.HoldRow): LegalHold {
  return {
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    targetName: (r.target_type === 'channel' ? r.channel_name : r.user_name) ?? r.target_id,
    reason: r.reason,
    createdBy:
      r.created_by && r.created_by_username
        ? { id: r.created_by, username: r.created_by_username, displayName: r.created_by_name ?? '' }
        : null,
    createdAt: r.created_at,
    releasedAt: r.released_at,
    releasedBy:
      r.released_by && r.released_by_username
        ? { id: r.released_by, username: r.released_by_username, displayName: r.released_by_name ?? '' }
        : null,
  };
}

function toArchive(r: repo.ArchiveRow): MessageArchive {
  return {
    id: r.id,
    channel: { id: r.channel_id, name: r.channel_name },
    month: r.month,
    format: r.format,
    messageCount: r.message_count,
    size: Number(r.size),
    createdAt: r.created_at,
  };
}
