import {
  type Approval,
  type ApprovalDetail,
  type ApprovalListQuery,
  type ApprovalStep,
  type ApprovalSubjectType,
  can,
  type Page,
  SkipReason,
  type UserRef,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import type { ApprovalSubjects } from './approval-subjects.ts';
import * as repo from './approvals.repository.ts';

export interface ApprovalQueriesDeps {
  db: Kysely<DB>;
  users: UserLookupService;
  subjects: ApprovalSubjects;
}

/**
 * Reading approvals: the to-do, mine and done boxes, one request with its steps, approvers,
 * copies, timeline and subject, and who may see it. Names come from the users service, one query
 * per page.
 */
export class ApprovalQueriesService {
  readonly #deps: ApprovalQueriesDeps;

  constructor(deps: ApprovalQueriesDeps) {
    this.#deps = deps;
  }

  async list(ctx: ActorContext, query: ApprovalListQuery): Promise<Page<Approval>> {
    const { rows, total } = await repo.list(this.#deps.db, ctx.actor.userId, query);
    const items = await this.#present(this.#deps.db, ctx, rows);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: ActorContext, id: string): Promise<ApprovalDetail> {
    const db = this.#deps.db;
    const row = await repo.findRequest(db, id);
    if (!row || !(await this.mayView(db, ctx, row))) throw errors.notFound(text('nouns.approval'));
    const steps = await repo.steps(db, id, row.round);
    const assigned = await repo.assignees(
      db,
      steps.map((s) => s.id),
    );
    const [cc, actions] = await Promise.all([repo.cc(db, id), repo.actions(db, id)]);
    // Everyone the page names, in one query.
    const refs = await this.#deps.users.refs(db, [
      ...assigned.flatMap((a) => [a.user_id, a.on_behalf_of]),
      ...cc,
      ...actions.map((a) => a.actor_id),
    ]);
    const ref = (userId: string) => refs.get(userId) ?? unknownUser(userId);
    const people = assigned
      .map((a) => ({ ...a, ref: ref(a.user_id) }))
      .sort((a, b) => a.ref.displayName.localeCompare(b.ref.displayName));
    const subject = (await this.#deps.subjects.get(row.subject_type)?.preview?.(db, row.subject_id)) ?? null;
    return {
      ...(await this.#present(db, ctx, [row]))[0]!,
      subject,
      steps: steps.map(
        (s): ApprovalStep => ({
          index: s.idx,
          name: s.name,
          mode: s.mode,
          status: s.status,
          approvers: people
            .filter((p) => p.step_id === s.id)
            .map((p) => ({
              ...p.ref,
              decision: p.decision,
              decidedAt: p.decided_at,
              onBehalfOf: p.on_behalf_of ? ref(p.on_behalf_of) : null,
            })),
        }),
      ),
      cc: cc.map(ref),
      timeline: actions.map((a) => ({
        id: a.id,
        action: a.action,
        actor: a.actor_id ? (refs.get(a.actor_id) ?? null) : null,
        stepIndex: a.step_index,
        comment: a.comment,
        skipReasons: a.detail ? SkipReason.array().parse(JSON.parse(a.detail)) : [],
        at: a.at,
      })),
    };
  }

  /** The latest approval request of a subject, for its page's timeline. */
  async latestFor(subjectType: ApprovalSubjectType, subjectId: string): Promise<string | null> {
    return (await repo.latestForSubject(this.#deps.db, subjectType, subjectId))?.id ?? null;
  }

  /** Whether the user was ever asked to approve this request (for a subject's own visibility rule). */
  isApprover(db: Executor, requestId: string, userId: string): Promise<boolean> {
    return repo.isAssignee(db, requestId, userId);
  }

  /** Whether the caller may see the request: requester, participant, administrator, or as its subject allows. */
  async mayView(
    db: Kysely<DB> | Transaction<DB>,
    ctx: ActorContext,
    request: repo.RequestRow,
  ): Promise<boolean> {
    const me = ctx.actor.userId;
    if (request.requester_id === me || can(ctx.actor.grants, 'approval.manage')) return true;
    if ((await repo.participants(db, request.id)).includes(me)) return true;
    return (
      (await this.#deps.subjects.get(request.subject_type)?.canView?.(ctx, request.subject_id, db)) ?? false
    );
  }

  /** Presents a page of requests; one query finds which of them await the caller's decision. */
  async #present(
    db: Kysely<DB> | Transaction<DB>,
    ctx: ActorContext,
    rows: repo.RequestRow[],
  ): Promise<Approval[]> {
    const me = ctx.actor.userId;
    const [awaiting, requesters] = await Promise.all([
      repo.awaitingDecision(
        db,
        rows.filter((r) => r.status === 'pending').map((r) => r.id),
        me,
      ),
      this.#deps.users.refs(
        db,
        rows.map((r) => r.requester_id),
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      title: r.title,
      link: r.link,
      requester: requesters.get(r.requester_id) ?? unknownUser(r.requester_id),
      status: r.status,
      currentStep: r.current_step,
      round: r.round,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      finishedAt: r.finished_at,
      can: {
        decide: awaiting.has(r.id),
        withdraw: r.requester_id === me && (r.status === 'pending' || r.status === 'returned'),
      },
    }));
  }
}

/** Someone whose account is gone still shows as their id rather than failing the page. */
function unknownUser(id: string): UserRef {
  return { id, username: id, displayName: id };
}
