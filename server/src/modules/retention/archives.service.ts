import type { Readable } from 'node:stream';
import type { MessageArchive } from '@liaison/contracts';
import { type ActorContext, SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { openSealed } from '../../platform/crypto/sealed.ts';
import { errors } from '../../platform/http/errors.ts';
import { fromWallClock, wallClock } from '../../platform/jobs/schedule.ts';
import { formatLocalDateTime } from '../../platform/text/dates.ts';
import { type ArchivedMessage, toCsv, toJsonLines } from './archive-format.ts';
import * as repo from './retention.repository.ts';
import type { RetentionDeps } from './retention-deps.ts';

export const ARCHIVE_JOB = {
  monthlyArchive: 'archive.monthly',
  channelArchive: 'archive.channel-month',
} as const;

/**
 * The monthly archive per channel (JSON Lines and CSV): written by a job on the 1st for every
 * channel that had messages in the month just ended, or on request; listed and downloaded audited.
 */
export class ArchivesService {
  readonly #deps: RetentionDeps;

  constructor(deps: RetentionDeps) {
    this.#deps = deps;
    const { jobs } = deps;
    jobs.register<{ scheduledFor?: string }>({
      kind: ARCHIVE_JOB.monthlyArchive,
      run: (p) =>
        this.#enqueueMonthlyArchives(p.scheduledFor ? new Date(p.scheduledFor) : this.#deps.clock.now()),
    });
    jobs.register<{ channelId: string; month: string; requestedBy: string | null }>({
      kind: ARCHIVE_JOB.channelArchive,
      run: (p) => this.writeArchive(p.channelId, p.month, p.requestedBy),
    });
    jobs.schedule({
      name: 'monthly archive',
      kind: ARCHIVE_JOB.monthlyArchive,
      when: { every: 'month', day: 1, hour: 3, minute: 0 },
    });
  }

  async archives(filter: {
    channelId?: string | undefined;
    month?: string | undefined;
  }): Promise<MessageArchive[]> {
    const { db, channels } = this.#deps;
    const rows = await repo.archives(db, filter);
    const names = await channels.byIds(
      db,
      rows.map((r) => r.channel_id),
    );
    const nameOf = (r: repo.ArchiveRow) => names.get(r.channel_id)?.name ?? '';
    return rows
      .sort((a, b) => b.month.localeCompare(a.month) || nameOf(a).localeCompare(nameOf(b)))
      .map((r) => toArchive(r, nameOf(r)));
  }

  /** Queues (re)writing one channel-month archive; the file appears in the list when done. */
  async requestArchive(ctx: ActorContext, channelId: string, month: string): Promise<void> {
    const channel = await this.#deps.channels.byId(this.#deps.db, channelId);
    if (!channel) throw errors.invalidField('body.channelId', 'no such channel');
    if (month >= monthOf(this.#deps.clock.now(), this.#deps.timeZone)) {
      throw errors.invalidField('body.month', 'only months that are over can be archived');
    }
    await this.#deps.jobs.enqueue(
      this.#deps.db,
      ARCHIVE_JOB.channelArchive,
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
    const name = (await this.#deps.channels.byId(this.#deps.db, row.channel_id))?.name ?? '';
    return {
      archive: toArchive(row, name),
      stream: await this.#deps.blobs.get(row.blob_key),
      fileName: `${name}-${row.month}.${row.format}`,
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
    const rows = await this.#deps.messages.between(db, channelId, from, to);
    const messages: ArchivedMessage[] = rows.map(({ row: r, author, revisions }) => ({
      seq: Number(r.seq),
      id: r.id,
      createdAt: r.created_at,
      author,
      threadId: r.thread_root_id,
      body: r.body,
      editedAt: r.edited_at,
      deletedAt: r.deleted_at,
      deletedReason: r.deleted_reason,
      revisions: revisions.map((v) => ({
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
          created_at: this.#deps.clock.now().toISOString(),
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
    for (const channelId of await this.#deps.messages.channelsWithMessages(db, from, to)) {
      await this.#deps.jobs.enqueue(
        db,
        ARCHIVE_JOB.channelArchive,
        { channelId, month, requestedBy: null },
        { uniqueKey: `archive:${channelId}:${month}` },
      );
    }
  }
}

function monthOf(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

function toArchive(r: repo.ArchiveRow, channelName: string): MessageArchive {
  return {
    id: r.id,
    channel: { id: r.channel_id, name: channelName },
    month: r.month,
    format: r.format,
    messageCount: r.message_count,
    size: Number(r.size),
    createdAt: r.created_at,
  };
}
