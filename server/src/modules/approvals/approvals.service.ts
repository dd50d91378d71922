import {
  type ApprovalDetail,
  type ApprovalSubjectType,
  type ApproverRule,
  type DecideApprovalRequest,
  type SkipReason,
  TemplateStep,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import { tellTemplateAdministrators } from './approval-notices.ts';
import type { ApprovalQueriesService } from './approval-queries.service.ts';
import type { ApprovalSubject, ApprovalSubjects, SubmitInput } from './approval-subjects.ts';
import * as repo from './approvals.repository.ts';
import type { ApproverResolver } from './approver-resolver.ts';

export type { ApprovalOutcome, ApprovalSubject, SubmitInput } from './approval-subjects.ts';

export interface ApprovalsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  notifications: NotificationsService;
  roles: RolesService;
  users: UserLookupService;
  subjects: ApprovalSubjects;
  resolver: ApproverResolver;
  queries: ApprovalQueriesService;
}

const Steps = z.array(TemplateStep);

/**
 * The approval engine every module reuses (announcements, external requests, press releases,
 * permission changes, held messages). A template per subject type lists ordered steps; at
 * submission each step's approvers are resolved (department head, division head, a role, senior
 * leadership, named people; the requester never approves their own request; delegations in force
 * substitute), steps whose condition does not hold are left out and steps that resolve to nobody are
 * skipped on the record. 或签 steps pass with one approval, 会签 steps with all. Every action is
 * audited, on the timeline and notified; the subject's module hears the outcome in the same
 * transaction.
 */ export class ApprovalsService {
  readonly #deps: ApprovalsDeps;

  constructor(deps: ApprovalsDeps) {
    this.#deps = deps;
  }

  registerSubject(type: ApprovalSubjectType, subject: ApprovalSubject): void {
    this.#deps.subjects.register(type, subject);
  }

  /**
   * Opens an approval request inside the subject's transaction. When every step is left out or
   * skipped the request is approved at once and the subject hears so before this returns.
   */
  async submit(
    trx: Transaction<DB>,
    ctx: ActorContext,
    input: SubmitInput,
  ): Promise<{ id: string; status: 'pending' | 'approved' }> {
    const template = await repo.templateFor(trx, input.subjectType);
    if (!template) throw new Error(`no approval template for ${input.subjectType}`);
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await repo.insertRequest(trx, {
      id,
      template_id: template.id,
      template_version: template.version,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      title: input.title,
      link: input.link,
      requester_id: ctx.actor.userId,
      department_id: input.departmentId,
      attributes: JSON.stringify(input.attributes),
      status: 'pending',
      current_step: null,
      round: 1,
      created_at: now,
      updated_at: now,
      finished_at: null,
    });
    await this.#action(trx, id, 1, null, ctx.actor.userId, 'submitted', null);
    await this.#deps.audit.record(trx, ctx, {
      action: 'approval.submitted',
      targetType: 'approval',
      targetId: id,
      summary: { subjectType: input.subjectType, subjectId: input.subjectId, title: input.title },
    });
    const status = await this.#startRound(trx, ctx, id, template, 1);
    return { id, status };
  }

  /** A returned request goes round again: its steps are resolved anew from the current template. */
  async resubmit(
    trx: Transaction<DB>,
    ctx: ActorContext,
    id: string,
    attributes: Record<string, string | boolean>,
  ) {
    const request = await repo.lockRequest(trx, this.#deps.dialect, id);
    if (!request) throw errors.notFound(text('nouns.approval'));
    if (request.status !== 'returned') throw errors.conflict(text('approvals.errors.notResubmittable'));
    if (request.requester_id !== ctx.actor.userId)
      throw errors.forbidden(text('approvals.errors.onlyRequesterResubmits'));
    const template = (await repo.templateFor(trx, request.subject_type))!;
    const round = request.round + 1;
    await repo.updateRequest(trx, id, {
      status: 'pending',
      round,
      attributes: JSON.stringify(attributes),
      template_version: template.version,
      updated_at: this.#deps.clock.now().toISOString(),
      finished_at: null,
    });
    await this.#action(trx, id, round, null, ctx.actor.userId, 'resubmitted', null);
    return { id, status: await this.#startRound(trx, ctx, id, template, round) };
  }

  async #startRound(
    trx: Transaction<DB>,
    ctx: ActorContext,
    id: string,
    template: repo.TemplateRow,
    round: number,
  ): Promise<'pending' | 'approved'> {
    const request = (await repo.findRequest(trx, id))!;
    const attributes = JSON.parse(request.attributes) as Record<string, string | boolean>;
    const now = this.#deps.clock.now().toISOString();
    const steps = Steps.parse(JSON.parse(template.steps)).filter(
      (s) => !s.condition || s.condition.in.includes(attributes[s.condition.attribute] as string | boolean),
    );
    let idx = 0;
    for (const step of steps) {
      const { userIds: resolved, reasons } = await this.#deps.resolver.resolve(trx, step.approvers, request);
      const delegated = await repo.delegationsAt(trx, resolved, now);
      const stepId = newId();
      await repo.insertStep(trx, {
        id: stepId,
        request_id: id,
        round,
        idx,
        name: step.name,
        mode: step.mode,
        status: resolved.length === 0 ? 'skipped' : 'waiting',
      });
      const seen = new Set<string>();
      const rows = [];
      for (const userId of resolved) {
        const acting = delegated.get(userId) ?? userId;
        if (seen.has(acting) || acting === request.requester_id) continue;
        seen.add(acting);
        rows.push({
          step_id: stepId,
          user_id: acting,
          on_behalf_of: acting === userId ? null : userId,
          decision: null,
          decided_at: null,
        });
      }
      if (rows.length === 0 && resolved.length > 0) await repo.updateStep(trx, stepId, 'skipped');
      await repo.insertAssignees(trx, rows);
      if (rows.length === 0) {
        const why: SkipReason[] = resolved.length > 0 ? [{ kind: 'only_requester' }] : reasons;
        await this.#action(trx, id, round, idx, null, 'skipped', null, why);
        await tellTemplateAdministrators(this.#deps, trx, ctx, request, step.name, why);
      }
      idx += 1;
    }
    const template_cc = z.array(z.any()).parse(JSON.parse(template.cc)) as ApproverRule[];
    await repo.insertCc(trx, id, (await this.#deps.resolver.resolve(trx, template_cc, request)).userIds);
    return this.#advance(trx, ctx, id, round);
  }

  /** Activates the next waiting step, or finishes the request approved when none is left. */
  async #advance(
    trx: Transaction<DB>,
    ctx: ActorContext,
    id: string,
    round: number,
  ): Promise<'pending' | 'approved'> {
    const now = this.#deps.clock.now().toISOString();
    const steps = await repo.steps(trx, id, round);
    const next = steps.find((s) => s.status === 'waiting');
    const request = (await repo.findRequest(trx, id))!;
    if (next) {
      await repo.updateStep(trx, next.id, 'active');
      await repo.updateRequest(trx, id, { current_step: next.idx, updated_at: now });
      const approvers = (await repo.assignees(trx, [next.id])).map((a) => a.user_id);
      await this.#deps.notifications.notify(trx, {
        kind: 'approval.requested',
        title: text('approvals.notices.requested.title', { title: request.title }),
        body: text('approvals.notices.requested.body', {
          step: next.name,
          requester: await this.#name(trx, request.requester_id),
        }),
        link: `/approvals/${id}`,
        subject: { type: 'approval', id },
        actorId: ctx.actor.userId,
        recipientIds: approvers,
        departmentIds: request.department_id ? [request.department_id] : [],
      });
      await this.#changed(trx, id);
      return 'pending';
    }
    await repo.updateRequest(trx, id, {
      status: 'approved',
      current_step: null,
      updated_at: now,
      finished_at: now,
    });
    await this.#finish(trx, ctx, request, 'approved', null);
    return 'approved';
  }

  async decide(ctx: ActorContext, id: string, body: DecideApprovalRequest): Promise<ApprovalDetail> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const request = await repo.lockRequest(trx, this.#deps.dialect, id);
      if (!request || !(await this.#deps.queries.mayView(trx, ctx, request)))
        throw errors.notFound(text('nouns.approval'));
      if (request.status !== 'pending')
        throw errors.conflict(text('approvals.errors.nothingToDecide', { status: request.status }));
      const active = (await repo.steps(trx, id, request.round)).find((s) => s.status === 'active');
      const mine = active
        ? (await repo.assignees(trx, [active.id])).find((a) => a.user_id === ctx.actor.userId)
        : undefined;
      if (!active || !mine) throw errors.forbidden(text('approvals.errors.notStepApprover'));
      if (mine.decision) throw errors.conflict(text('approvals.errors.alreadyDecided'));
      const now = this.#deps.clock.now().toISOString();
      const decision = ({ approve: 'approved', reject: 'rejected', return: 'returned' } as const)[
        body.decision
      ];
      await repo.decide(trx, active.id, ctx.actor.userId, decision, now);
      const action =
        body.decision === 'approve' ? 'approved' : body.decision === 'reject' ? 'rejected' : 'returned';
      await this.#action(trx, id, request.round, active.idx, ctx.actor.userId, action, body.comment);
      await this.#deps.audit.record(trx, ctx, {
        action: 'approval.decided',
        targetType: 'approval',
        targetId: id,
        summary: {
          decision: body.decision,
          step: active.name,
          comment: body.comment,
          subjectType: request.subject_type,
        },
      });
      if (body.decision === 'approve') {
        const all = await repo.assignees(trx, [active.id]);
        const stepDone =
          active.mode === 'any' ||
          all.every((a) => a.decision === 'approved' || a.user_id === ctx.actor.userId);
        if (stepDone) {
          await repo.updateStep(trx, active.id, 'approved');
          await this.#advance(trx, ctx, id, request.round);
        } else {
          await repo.updateRequest(trx, id, { updated_at: now });
          await this.#changed(trx, id);
        }
        return;
      }
      await repo.updateStep(trx, active.id, 'rejected');
      const outcome = body.decision === 'reject' ? 'rejected' : 'returned';
      await repo.updateRequest(trx, id, {
        status: outcome,
        current_step: null,
        updated_at: now,
        finished_at: outcome === 'rejected' ? now : null,
      });
      await this.#finish(trx, ctx, request, outcome, body.comment);
    });
    this.#deps.notifications.committed();
    return this.#deps.queries.get(ctx, id);
  }

  /** The requester takes a pending or returned request back. */
  async withdraw(ctx: ActorContext, id: string, comment: string | null): Promise<ApprovalDetail> {
    await this.#deps.db.transaction().execute((trx) => this.withdrawIn(trx, ctx, id, comment));
    this.#deps.notifications.committed();
    return this.#deps.queries.get(ctx, id);
  }

  async withdrawIn(
    trx: Transaction<DB>,
    ctx: ActorContext,
    id: string,
    comment: string | null,
  ): Promise<void> {
    const request = await repo.lockRequest(trx, this.#deps.dialect, id);
    if (!request || !(await this.#deps.queries.mayView(trx, ctx, request)))
      throw errors.notFound(text('nouns.approval'));
    if (request.requester_id !== ctx.actor.userId)
      throw errors.forbidden(text('approvals.errors.onlyRequesterWithdraws'));
    if (request.status !== 'pending' && request.status !== 'returned') {
      throw errors.conflict(text('approvals.errors.notWithdrawable', { status: request.status }));
    }
    const now = this.#deps.clock.now().toISOString();
    for (const step of await repo.steps(trx, id, request.round)) {
      if (step.status === 'active' || step.status === 'waiting')
        await repo.updateStep(trx, step.id, 'skipped');
    }
    await repo.updateRequest(trx, id, {
      status: 'withdrawn',
      current_step: null,
      updated_at: now,
      finished_at: now,
    });
    await this.#action(trx, id, request.round, null, ctx.actor.userId, 'withdrawn', comment);
    await this.#deps.audit.record(trx, ctx, {
      action: 'approval.withdrawn',
      targetType: 'approval',
      targetId: id,
      summary: { subjectType: request.subject_type, subjectId: request.subject_id, comment },
    });
    await this.#deps.subjects.get(request.subject_type)?.onOutcome(trx, request.subject_id, 'withdrawn', ctx);
    await this.#changed(trx, id);
  }

  async #finish(
    trx: Transaction<DB>,
    ctx: ActorContext,
    request: repo.RequestRow,
    outcome: 'approved' | 'rejected' | 'returned',
    comment: string | null,
  ): Promise<void> {
    await this.#deps.notifications.notify(trx, {
      kind: 'approval.decided',
      title: text('approvals.notices.decided.title', {
        outcome: text(`approvals.notices.outcomes.${outcome}`),
        title: request.title,
      }),
      body: comment
        ? text('approvals.notices.decided.withComment', { actor: ctx.actor.displayName, comment })
        : text('approvals.notices.decided.withoutComment', { actor: ctx.actor.displayName }),
      link: request.link,
      subject: { type: 'approval', id: request.id },
      actorId: ctx.actor.userId === request.requester_id ? null : ctx.actor.userId,
      recipientIds: [request.requester_id],
      departmentIds: request.department_id ? [request.department_id] : [],
    });
    if (outcome === 'approved') {
      const cc = await repo.cc(trx, request.id);
      if (cc.length > 0) {
        await this.#deps.notifications.notify(trx, {
          kind: 'approval.cc',
          title: text('approvals.notices.cc.title', { title: request.title }),
          body: text('approvals.notices.cc.body', { requester: await this.#name(trx, request.requester_id) }),
          link: `/approvals/${request.id}`,
          subject: { type: 'approval', id: request.id },
          recipientIds: cc,
        });
      }
    }
    await this.#deps.subjects.get(request.subject_type)?.onOutcome(trx, request.subject_id, outcome, ctx);
    await this.#changed(trx, request.id);
  }

  async #action(
    trx: Transaction<DB>,
    requestId: string,
    round: number,
    stepIndex: number | null,
    actorId: string | null,
    action: repo.ActionKind,
    comment: string | null,
    skipReasons: readonly SkipReason[] = [],
  ): Promise<void> {
    await repo.insertAction(trx, {
      id: newId(),
      request_id: requestId,
      round,
      step_index: stepIndex,
      actor_id: actorId,
      action,
      comment,
      detail: skipReasons.length > 0 ? JSON.stringify(skipReasons) : null,
      at: this.#deps.clock.now().toISOString(),
    });
  }

  async #changed(trx: Transaction<DB>, id: string): Promise<void> {
    const request = (await repo.findRequest(trx, id))!;
    await this.#deps.events.append(trx, {
      userIds: [...new Set([request.requester_id, ...(await repo.participants(trx, id))])],
      payload: { type: 'approval.changed', approvalId: id },
    });
  }

  async #name(db: Executor, userId: string): Promise<string> {
    return (await this.#deps.users.refs(db, [userId])).get(userId)?.displayName ?? '';
  }
}
