import {
  type AnnouncementDetail,
  Audience,
  type CreateAnnouncementRequest,
  can,
  type UpdateAnnouncementRequest,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { htmlToText, sanitizeHtml } from '../../platform/text/html.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import type { AnnouncementAccess } from './announcements.access.ts';
import * as repo from './announcements.repository.ts';

export interface AnnouncementDraftsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  departments: DepartmentsService;
  users: UserLookupService;
  access: AnnouncementAccess;
}

/**
 * Drafting: writing and changing an announcement before it is submitted (or after it was returned
 * for changes) — who may publish for which department, sanitised bodies, dates that make sense,
 * and the files attached. Submission and everything after is `announcement-publishing.service.ts`.
 */
export class AnnouncementDraftsService {
  readonly #deps: AnnouncementDraftsDeps;

  constructor(deps: AnnouncementDraftsDeps) {
    this.#deps = deps;
  }

  async create(ctx: ActorContext, body: CreateAnnouncementRequest): Promise<AnnouncementDetail> {
    const fields = await this.#validate(ctx, body);
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.insert(trx, {
        id,
        ...fields,
        created_by: ctx.actor.userId,
        status: 'draft',
        approval_id: null,
        published_at: null,
        deadline_at: null,
        reminded_at: null,
        revision: 1,
        recipient_count: 0,
        created_at: now,
        updated_at: now,
      });
      await this.#attach(trx, ctx, id, body.fileIds);
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.created',
        targetType: 'announcement',
        targetId: id,
        summary: {
          title: body.title,
          categoryId: body.categoryId,
          importance: body.importance,
          audience: body.audience,
        },
      });
    });
    return this.#deps.access.detail(ctx, id);
  }

  async update(ctx: ActorContext, id: string, body: UpdateAnnouncementRequest): Promise<AnnouncementDetail> {
    const row = await this.#deps.access.visible(ctx, id);
    if (!this.#deps.access.canEdit(ctx, row))
      throw errors.forbidden(text('announcements.errors.onlyAuthorEdits'));
    if (row.status !== 'draft' && row.status !== 'returned') {
      throw errors.conflict(text('announcements.errors.notEditable'));
    }
    const merged: CreateAnnouncementRequest = {
      categoryId: body.categoryId ?? row.category_id,
      title: body.title ?? row.title,
      bodyHtml: body.bodyHtml ?? row.body_html,
      publishingDepartmentId: body.publishingDepartmentId ?? row.publishing_department_id,
      ownerId: body.ownerId ?? row.owner_id,
      effectiveAt: body.effectiveAt ?? row.effective_at,
      expiresAt: body.expiresAt !== undefined ? body.expiresAt : row.expires_at,
      pinned: body.pinned ?? row.pinned === 1,
      importance: body.importance ?? row.importance,
      requiresAck: body.requiresAck ?? row.requires_ack === 1,
      ackDeadline: body.ackDeadline !== undefined ? body.ackDeadline : row.ack_deadline,
      audience: body.audience ?? Audience.parse(JSON.parse(row.audience)),
      fileIds: body.fileIds ?? [],
    };
    const fields = await this.#validate(ctx, merged);
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, { ...fields, updated_at: this.#deps.clock.now().toISOString() });
      if (body.fileIds) await this.#attach(trx, ctx, id, body.fileIds);
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.updated',
        targetType: 'announcement',
        targetId: id,
        summary: { changed: Object.keys(body) },
      });
    });
    return this.#deps.access.detail(ctx, id);
  }

  async #validate(ctx: ActorContext, body: CreateAnnouncementRequest) {
    const db = this.#deps.db;
    if (!(await repo.findCategory(db, body.categoryId)))
      throw errors.invalidField('categoryId', 'No such category.');
    const dept = (await this.#deps.departments.basicsOf(db, [body.publishingDepartmentId])).get(
      body.publishingDepartmentId,
    );
    if (!dept) throw errors.invalidField('publishingDepartmentId', 'No such department.');
    const mayPublish =
      can(ctx.actor.grants, 'announcement.manage') ||
      inScope(scopeFilter(ctx.actor, 'announcement.publish'), { departmentPath: dept.path, ownerIds: [] }) ||
      body.publishingDepartmentId === ctx.actor.departmentId;
    if (!mayPublish) throw errors.forbidden(text('announcements.errors.publishOwnDepartment'));
    const [owner] = await this.#deps.users.activeEmployees(db, [body.ownerId]);
    if (!owner) throw errors.invalidField('ownerId', 'No such active colleague.');
    if (body.expiresAt && body.expiresAt <= body.effectiveAt) {
      throw errors.invalidField('expiresAt', 'The expiry must come after the effective date.');
    }
    if (body.ackDeadline && !body.requiresAck) {
      throw errors.invalidField('ackDeadline', 'A deadline needs acknowledgement to be required.');
    }
    if (body.ackDeadline && body.ackDeadline <= body.effectiveAt) {
      throw errors.invalidField(
        'ackDeadline',
        'The acknowledgement deadline must come after the effective date.',
      );
    }
    const html = sanitizeHtml(body.bodyHtml);
    const plain = htmlToText(html);
    if (!plain) throw errors.invalidField('bodyHtml', 'The announcement has no text.');
    return {
      category_id: body.categoryId,
      title: body.title,
      body_html: html,
      body_text: plain,
      publishing_department_id: body.publishingDepartmentId,
      owner_id: body.ownerId,
      effective_at: new Date(body.effectiveAt).toISOString(),
      expires_at: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
      pinned: body.pinned ? 1 : 0,
      importance: body.importance,
      requires_ack: body.requiresAck ? 1 : 0,
      ack_deadline: body.ackDeadline ? new Date(body.ackDeadline).toISOString() : null,
      audience: JSON.stringify(body.audience),
      search_text: `${body.title}\n${plain}`.toLowerCase(),
    };
  }

  async #attach(trx: Transaction<DB>, ctx: ActorContext, id: string, fileIds: readonly string[]) {
    const unique = [...new Set(fileIds)];
    const attached = await repo.attachFiles(trx, id, ctx.actor.userId, unique);
    if (attached !== unique.length) throw errors.invalidField('fileIds', 'Attach only files you uploaded.');
  }
}
