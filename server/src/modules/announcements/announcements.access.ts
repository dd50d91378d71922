import { type Announcement, type AnnouncementDetail, Audience, can, type UserRef } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { ApprovalQueriesService } from '../approvals/approval-queries.service.ts';
import type { AudiencesService } from '../audiences/audiences.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import * as repo from './announcements.repository.ts';

export interface AnnouncementAccessDeps {
  db: Kysely<DB>;
  clock: Clock;
  approvals: ApprovalQueriesService;
  audiences: AudiencesService;
  departments: DepartmentsService;
  users: UserLookupService;
}

/** An announcement as the services work with it: its row, category and the names its page shows. */
export type AnnouncementRow = repo.AnnouncementListRow & {
  department_name: string;
  department_path: string;
  owner_username: string;
  owner_name: string;
  creator_username: string;
  creator_name: string;
};

/**
 * Who may see, manage, read and count an announcement, and how it is presented — the checks every
 * announcement service (publishing, receipts, reminders, reading) shares, as `users.access.ts`
 * does for users. Records outside the caller's reach answer 404.
 */
export class AnnouncementAccess {
  readonly #deps: AnnouncementAccessDeps;

  constructor(deps: AnnouncementAccessDeps) {
    this.#deps = deps;
  }

  /** One announcement as the caller sees it, with its revisions. */
  async detail(ctx: ActorContext, id: string): Promise<AnnouncementDetail> {
    const row = await this.visible(ctx, id);
    const revisions = await repo.revisions(this.#deps.db, id);
    const editors = await this.#deps.users.refs(
      this.#deps.db,
      revisions.map((r) => r.editor_id),
    );
    return {
      ...(await this.presentAll(ctx, [row]))[0]!,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        title: r.title,
        note: r.note,
        editor: editors.get(r.editor_id) ?? unknownUser(r.editor_id),
        createdAt: r.created_at,
      })),
    };
  }

  /** The announcement if the caller may see it: a recipient, in its audience now, its manager or approver. */
  async visible(ctx: ActorContext, id: string): Promise<AnnouncementRow> {
    const row = await this.find(this.#deps.db, id);
    if (!row) throw errors.notFound(text('nouns.announcement'));
    if (this.manages(ctx, row)) return row;
    if (row.status === 'published' || row.status === 'expired') {
      if (await repo.recipientOf(this.#deps.db, id, ctx.actor.userId)) return row;
      if (row.status === 'published' && (await this.inAudience(ctx, row))) return row;
    }
    if (
      row.approval_id &&
      (await this.#deps.approvals.isApprover(this.#deps.db, row.approval_id, ctx.actor.userId))
    )
      return row;
    throw errors.notFound(text('nouns.announcement'));
  }

  /** For reading and acknowledging: published and the caller a recipient (added now if they joined later). */
  async receivable(
    ctx: ActorContext,
    id: string,
  ): Promise<{ row: AnnouncementRow; recipient: { read_at: string | null; acked_at: string | null } }> {
    const me = ctx.actor.userId;
    const [row, recipient] = [
      await this.find(this.#deps.db, id),
      await repo.recipientOf(this.#deps.db, id, me),
    ];
    // A recipient row is the common case and proves access; without one, the full check.
    if (row && recipient && (row.status === 'published' || row.status === 'expired'))
      return { row, recipient };
    const visible = await this.visible(ctx, id);
    if (visible.status !== 'published' && visible.status !== 'expired')
      throw errors.conflict(text('announcements.errors.notPublished'));
    if (visible.status !== 'published' || !(await this.inAudience(ctx, visible))) {
      throw errors.forbidden(text('announcements.errors.notAddressed'));
    }
    await repo.addRecipient(this.#deps.db, {
      announcement_id: id,
      user_id: me,
      department_id: ctx.actor.departmentId,
      delivered_at: this.#deps.clock.now().toISOString(),
      read_at: null,
      acked_at: null,
    });
    return { row: visible, recipient: { read_at: null, acked_at: null } };
  }

  manages(ctx: ActorContext, row: AnnouncementRow): boolean {
    const me = ctx.actor.userId;
    if (row.created_by === me || row.owner_id === me) return true;
    return (
      inScope(scopeFilter(ctx.actor, 'announcement.publish'), {
        departmentPath: row.department_path,
        ownerIds: [],
      }) || can(ctx.actor.grants, 'announcement.manage')
    );
  }

  canEdit(ctx: ActorContext, row: AnnouncementRow): boolean {
    const me = ctx.actor.userId;
    return row.created_by === me || row.owner_id === me || can(ctx.actor.grants, 'announcement.manage');
  }

  /**
   * Whose receipts the caller sees — statistics, the not-read list and reminders alike: everyone's,
   * or those of recipients in their department subtree; refused without `announcement.stats`.
   */
  async recipientScope(ctx: ActorContext, row: AnnouncementRow): Promise<repo.RecipientScope> {
    const limit = this.statsLimit(ctx, row);
    if (limit === null) throw errors.forbidden(text('announcements.errors.receiptsForbidden'));
    if (limit === 'all') return 'all';
    return { departmentIds: await this.#deps.departments.idsUnderPaths(this.#deps.db, [limit]) };
  }

  /** Whose read statistics the caller may see: everyone's, a department subtree's, or nobody's. */
  statsLimit(ctx: ActorContext, row: AnnouncementRow): 'all' | string | null {
    if (this.canEdit(ctx, row)) return 'all';
    const scope = scopeFilter(ctx.actor, 'announcement.stats');
    if (scope.kind === 'all') return 'all';
    return scope.kind === 'department' ? scope.path : null;
  }

  /** A department filter, refused when it names a department outside the caller's scope. */
  async departmentWithin(
    departmentId: string | undefined,
    scope: repo.RecipientScope,
  ): Promise<string | undefined> {
    if (!departmentId) return undefined;
    const dept = (await this.#deps.departments.basicsOf(this.#deps.db, [departmentId])).get(departmentId);
    if (!dept) throw errors.invalidField('departmentId', 'No such department.');
    if (scope !== 'all' && !scope.departmentIds.includes(departmentId))
      throw errors.forbidden(text('announcements.errors.departmentOutOfScope'));
    return departmentId;
  }

  #reader(ctx: ActorContext) {
    return this.#deps.audiences.reader(this.#deps.db, ctx.actor);
  }

  async inAudience(ctx: ActorContext, row: { audience: string }): Promise<boolean> {
    const audience = Audience.parse(JSON.parse(row.audience));
    const [included] = await this.#deps.audiences.includes(this.#deps.db, await this.#reader(ctx), [
      audience,
    ]);
    return included === true;
  }

  /** Someone who joined an audience after publication gets their recipient row on their next look. */
  async catchUp(ctx: ActorContext): Promise<void> {
    const now = this.#deps.clock.now().toISOString();
    const candidates = await repo.activeNotReceived(this.#deps.db, ctx.actor.userId, now);
    if (candidates.length === 0) return;
    const included = await this.#deps.audiences.includes(
      this.#deps.db,
      await this.#reader(ctx),
      candidates.map((c) => Audience.parse(JSON.parse(c.audience))),
    );
    for (const [i, c] of candidates.entries()) {
      if (!included[i]) continue;
      await repo.addRecipient(this.#deps.db, {
        announcement_id: c.id,
        user_id: ctx.actor.userId,
        department_id: ctx.actor.departmentId,
        delivered_at: now,
        read_at: null,
        acked_at: null,
      });
    }
  }

  /** An announcement with the names its page shows (department, owner, author). */
  async find(db: Executor, id: string): Promise<AnnouncementRow | undefined> {
    const row = await repo.findById(db, id);
    return row ? (await this.named(db, [row]))[0] : undefined;
  }

  /** Adds the publishing departments' names and paths and the people's names: two queries per page. */
  async named(db: Executor, rows: repo.AnnouncementListRow[]): Promise<AnnouncementRow[]> {
    const [departments, people] = await Promise.all([
      this.#deps.departments.basicsOf(
        db,
        rows.map((r) => r.publishing_department_id),
      ),
      this.#deps.users.refs(
        db,
        rows.flatMap((r) => [r.owner_id, r.created_by]),
      ),
    ]);
    return rows.map((r) => {
      const department = departments.get(r.publishing_department_id);
      const owner = people.get(r.owner_id) ?? unknownUser(r.owner_id);
      const creator = people.get(r.created_by) ?? unknownUser(r.created_by);
      return {
        ...r,
        department_name: department?.name ?? '',
        department_path: department?.path ?? '',
        owner_username: owner.username,
        owner_name: owner.displayName,
        creator_username: creator.username,
        creator_name: creator.displayName,
      };
    });
  }

  /** Presents rows with two queries for the whole page (the caller's receipts and the files). */
  async presentAll(ctx: ActorContext, rows: AnnouncementRow[]): Promise<Announcement[]> {
    const ids = rows.map((r) => r.id);
    const [receipts, files] = await Promise.all([
      repo.receiptsOf(this.#deps.db, ids, ctx.actor.userId),
      repo.filesOf(this.#deps.db, ids),
    ]);
    return rows.map((r) =>
      this.#present(
        ctx,
        r,
        receipts.get(r.id) ?? null,
        files.filter((f) => f.announcement_id === r.id),
      ),
    );
  }

  #present(
    ctx: ActorContext,
    r: AnnouncementRow,
    mine: { read_at: string | null; acked_at: string | null } | null,
    files: { id: string; file_name: string; content_type: string; size: number }[],
  ): Announcement {
    const edit = this.canEdit(ctx, r);
    const stats = this.statsLimit(ctx, r) !== null;
    const plain = r.body_text;
    return {
      id: r.id,
      category: { id: r.category_id, key: r.category_key, name: r.category_name },
      title: r.title,
      bodyHtml: r.body_html,
      summary: plain.length > 120 ? `${plain.slice(0, 120)}…` : plain,
      publishingDepartment: { id: r.publishing_department_id, name: r.department_name },
      owner: { id: r.owner_id, username: r.owner_username, displayName: r.owner_name },
      createdBy: { id: r.created_by, username: r.creator_username, displayName: r.creator_name },
      effectiveAt: r.effective_at,
      expiresAt: r.expires_at,
      pinned: r.pinned === 1,
      importance: r.importance,
      requiresAck: r.requires_ack === 1,
      ackDeadline: r.ack_deadline,
      audience: Audience.parse(JSON.parse(r.audience)),
      status: r.status,
      approvalId: r.approval_id,
      publishedAt: r.published_at,
      revision: r.revision,
      recipientCount: r.recipient_count,
      files: files.map(toFile),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      me: {
        readAt: mine?.read_at ?? null,
        ackedAt: mine?.acked_at ?? null,
        recipient: mine !== null,
      },
      can: {
        edit: edit && (r.status === 'draft' || r.status === 'returned'),
        submit: edit && (r.status === 'draft' || r.status === 'returned'),
        correct: edit && r.status === 'published',
        withdraw: edit && ['in_approval', 'scheduled', 'published', 'returned'].includes(r.status),
        stats: stats && r.status !== 'draft',
      },
    };
  }
}

/** Someone whose account is gone still shows as their id rather than failing the page. */
export function unknownUser(id: string): UserRef {
  return { id, username: id, displayName: id };
}

export function toFile(row: { id: string; file_name: string; content_type: string; size: number }) {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, size: row.size };
}
