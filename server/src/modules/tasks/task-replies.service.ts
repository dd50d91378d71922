import type { Readable } from 'node:stream';
import type { CreateTaskReplyRequest, TaskFile, TaskReply, UserRef } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { storeUpload } from '../../platform/storage/uploads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import type { TaskAccess } from './task-access.ts';
import { statusText, truncate } from './task-notices.ts';
import type { TaskRemindersService } from './task-reminders.service.ts';
import * as repo from './tasks.repository.ts';

export interface TaskRepliesDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationsService;
  blobs: BlobStore;
  access: TaskAccess;
  reminders: Pick<TaskRemindersService, 'nextReminder'>;
  people: Pick<UserLookupService, 'refs'>;
  maxFileBytes: number;
}

/** Progress replies (反馈回复) on a task, with a status change, the next step and files. */
export class TaskRepliesService {
  readonly #deps: TaskRepliesDeps;

  constructor(deps: TaskRepliesDeps) {
    this.#deps = deps;
  }

  /** A task's replies, oldest first, each with its files (the task's visibility was checked). */
  async repliesOf(taskId: string): Promise<TaskReply[]> {
    const db = this.#deps.db;
    const [replies, files] = await Promise.all([repo.replies(db, taskId), repo.files(db, taskId)]);
    const authors = await this.#deps.people.refs(
      db,
      replies.map((r) => r.author_id),
    );
    return replies.map(
      (r): TaskReply => ({
        id: r.id,
        author: authors.get(r.author_id) ?? unknownPerson(r.author_id),
        body: r.body,
        statusChange: r.status_from && r.status_to ? { from: r.status_from, to: r.status_to } : null,
        nextStep: r.next_step,
        files: files.filter((f) => f.reply_id === r.id).map(toFile),
        createdAt: r.created_at,
      }),
    );
  }

  async reply(ctx: ActorContext, id: string, body: CreateTaskReplyRequest): Promise<TaskReply> {
    const { access } = this.#deps;
    const row = await access.visible(ctx, id);
    const rights = await access.rights(ctx, row);
    if (!rights.reply) throw errors.forbidden(text('tasks.errors.mayNotReply'));
    if (body.status && body.status !== row.status && !rights.changeStatus) {
      throw errors.forbidden(text('tasks.errors.mayNotChangeStatus'));
    }
    const now = this.#deps.clock.now();
    const replyId = newId();
    const statusChange =
      body.status && body.status !== row.status ? { from: row.status, to: body.status } : null;
    const reminder = statusChange
      ? await this.#deps.reminders.nextReminder(row.due_at, statusChange.to, now)
      : null;
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.insertReply(trx, {
        id: replyId,
        task_id: id,
        author_id: ctx.actor.userId,
        body: body.body,
        status_from: statusChange?.from ?? null,
        status_to: statusChange?.to ?? null,
        next_step: body.nextStep ?? null,
        created_at: now.toISOString(),
      });
      const attached = await repo.attachFiles(trx, id, replyId, ctx.actor.userId, body.fileIds);
      if (attached !== new Set(body.fileIds).size) {
        throw errors.invalidField(
          'fileIds',
          'Attach only files you uploaded to this task and have not used yet.',
        );
      }
      await repo.update(trx, id, {
        updated_at: now.toISOString(),
        ...(body.nextStep !== undefined && { next_step: body.nextStep }),
        ...(statusChange && {
          status: statusChange.to,
          completed_at: statusChange.to === 'done' ? now.toISOString() : null,
          reminder_at: reminder!.at,
          reminder_stage: reminder!.stage,
        }),
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'task.updated',
        targetType: 'task',
        targetId: id,
        summary: {
          reply: replyId,
          ...(statusChange && { status: statusChange }),
          files: body.fileIds.length,
        },
      });
      const change = statusChange
        ? text('tasks.notices.replyStatusChange', {
            from: statusText(statusChange.from),
            to: statusText(statusChange.to),
          })
        : '';
      await this.#deps.notifications.notify(trx, {
        kind: 'task.replied',
        title: text('tasks.notices.replied.title', { title: row.title }),
        body: text('tasks.notices.replied.body', {
          actor: ctx.actor.displayName,
          change,
          excerpt: truncate(body.body, 200),
        }),
        link: `/tasks/${id}`,
        subject: { type: 'task', id },
        actorId: ctx.actor.userId,
        recipientIds: await access.involved(trx, id),
        departmentIds: row.department_id ? [row.department_id] : [],
      });
      await access.changed(trx, id);
    });
    this.#deps.notifications.committed();
    return (await this.repliesOf(id)).find((r) => r.id === replyId)!;
  }

  async uploadFile(
    ctx: ActorContext,
    id: string,
    file: { fileName: string; data: Buffer },
  ): Promise<TaskFile> {
    const row = await this.#deps.access.visible(ctx, id);
    if (!(await this.#deps.access.rights(ctx, row)).reply)
      throw errors.forbidden(text('tasks.errors.mayNotAddFiles'));
    const stored = await storeUpload(this.#deps, 'tasks', file, this.#deps.maxFileBytes);
    const record = {
      id: stored.id,
      task_id: id,
      reply_id: null,
      uploader_id: ctx.actor.userId,
      file_name: stored.fileName,
      content_type: stored.contentType,
      size: stored.size,
      sha256: stored.sha256,
      blob_key: stored.blobKey,
      created_at: stored.createdAt,
    };
    await repo.insertFile(this.#deps.db, record);
    return toFile(record);
  }

  async openFile(
    ctx: ActorContext,
    id: string,
    fileId: string,
  ): Promise<{ file: TaskFile; stream: Readable }> {
    await this.#deps.access.visible(ctx, id);
    const row = await repo.findFile(this.#deps.db, id, fileId);
    // An upload not yet in a reply is its uploader's draft.
    if (!row || (row.reply_id === null && row.uploader_id !== ctx.actor.userId))
      throw errors.notFound(text('nouns.file'));
    return { file: toFile(row), stream: await this.#deps.blobs.get(row.blob_key) };
  }
}

/** An author whose account is gone still shows as someone. */
function unknownPerson(id: string): UserRef {
  return { id, username: '', displayName: '' };
}

function toFile(row: { id: string; file_name: string; content_type: string; size: number }): TaskFile {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, size: row.size };
}
