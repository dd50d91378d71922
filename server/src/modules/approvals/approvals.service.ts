import {
  type Approval,
  type ApprovalDetail,
  type ApprovalListQuery,
  type ApprovalStep,
  type ApprovalSubjectPreview,
  type ApprovalSubjectType,
  type ApprovalTemplate,
  type ApproverRule,
  type CreateDelegationRequest,
  can,
  type DecideApprovalRequest,
  type Delegation,
  type Page,
  type SaveApprovalTemplateRequest,
  SkipReason,
  TemplateStep,
  type UserRef,
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
import type { AuditService } from '../audit/audit.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import * as repo from './approvals.repository.ts';

export type ApprovalOutcome = 'approved' | 'rejected' | 'returned' | 'withdrawn';

/** What a module that submits things for approval tells the engine. */
export interface ApprovalSubject {
  /** Runs in the deciding transaction when a request ends (or is returned for changes). */
  onOutcome(
    trx: Transaction<DB>,
    subjectId: string,
    outcome: ApprovalOutcome,
    ctx: ActorContext,
  ): Promise<void>;
  /** Whether someone other than the participants may see the request (e.g. the subject's owner). */
  canView?(ctx: ActorContext, subjectId: string, exec: Kysely<DB> | Transaction<DB>): Promise<boolean>;
  /**
   * What the approvers are deciding on, shown in the approval itself (an announcement's text,
   * audience and files; a request's form). Asked only for someone who may see the approval.
   */
  preview?(exec: Kysely<DB>, subjectId: string): Promise<ApprovalSubjectPreview | null>;
}

export interface SubmitInput {
  subjectType: ApprovalSubjectType;
  subjectId: string;
  title: string;
  link: string;
  /** The department whose head is the requester's head (e.g. the publishing department). */
  departmentId: string | null;
  /** What the template's step conditions read. */
  attributes: Record<string, string | boolean>;
}

export interface ApprovalsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  notifications: NotificationsService;
  roles: RolesService;
  departments: DepartmentsService;
  users: UserLookupService;
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
 */
export class ApprovalsService {
  readonly #deps: ApprovalsDeps;
  readonly #subjects = new Map<ApprovalSubjectType, ApprovalSubject>();

  constructor(deps: ApprovalsDeps) {
    this.#deps = deps;
  }

  registerSubject(type: ApprovalSubjectType, subject: ApprovalSubject): void {
    this.#subjects.set(type, subject);
  }

  async templates(): Promise<ApprovalTemplate[]> {
    return (await repo.templates(this.#deps.db)).map(toTemplate);
  }

  async saveTemplate(ctx: ActorContext, subjectType: ApprovalSubjectType, body: SaveApprovalTemplateRequest) {
    const ids = body.steps.map((s) => s.id);
    if (new Set(ids).size !== ids.length) throw errors.invalidField('steps', 'Step ids must be unique.');
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.templateFor(trx, subjectType);
      if (!before) throw errors.notFound('Approval template');
      await repo.updateTemplate(trx, before.id, {
        name: body.name,
        steps: JSON.stringify(body.steps),
        cc: JSON.stringify(body.cc),
        version: before.version + 1,
        updated_at: this.#deps.clock.now().toISOString(),
        updated_by: ctx.actor.userId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'approval.template.changed',
        targetType: 'approval_template',
        targetId: before.id,
        summary: { subjectType, before: toTemplate(before), after: body },
      });
    });
    return (await this.templates()).find((t) => t.subjectType === subjectType)!;
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
    if (!request) throw errors.notFound('Approval');
    if (request.status !== 'returned')
      throw errors.conflict('Only a request returned for changes can be resubmitted.');
    if (request.requester_id !== ctx.actor.userId) throw errors.forbidden('Only the requester may resubmit.');
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
      const { userIds: resolved, reasons } = await this.#resolve(trx, step.approvers, request);
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
        await this.#tellTemplateAdministrators(trx, ctx, request, step.name, why);
      }
      idx += 1;
    }
    const template_cc = z.array(z.any()).parse(JSON.parse(template.cc)) as ApproverRule[];
    await repo.insertCc(trx, id, (await this.#resolve(trx, template_cc, request)).userIds);
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
        title: `待你审批：${request.title}`,
        body: `${next.name}，申请人 ${await this.#name(trx, request.requester_id)}。`,
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
      if (!request || !(await this.#mayView(trx, ctx, request))) throw errors.notFound('Approval');
      if (request.status !== 'pending')
        throw errors.conflict(`This request is ${request.status}; nothing to decide.`);
      const active = (await repo.steps(trx, id, request.round)).find((s) => s.status === 'active');
      const mine = active
        ? (await repo.assignees(trx, [active.id])).find((a) => a.user_id === ctx.actor.userId)
        : undefined;
      if (!active || !mine) throw errors.forbidden('You are not an approver of the current step.');
      if (mine.decision) throw errors.conflict('You have already decided on this step.');
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
    return this.get(ctx, id);
  }

  /** The requester takes a pending or returned request back. */
  async withdraw(ctx: ActorContext, id: string, comment: string | null): Promise<ApprovalDetail> {
    await this.#deps.db.transaction().execute((trx) => this.withdrawIn(trx, ctx, id, comment));
    this.#deps.notifications.committed();
    return this.get(ctx, id);
  }

  async withdrawIn(
    trx: Transaction<DB>,
    ctx: ActorContext,
    id: string,
    comment: string | null,
  ): Promise<void> {
    const request = await repo.lockRequest(trx, this.#deps.dialect, id);
    if (!request || !(await this.#mayView(trx, ctx, request))) throw errors.notFound('Approval');
    if (request.requester_id !== ctx.actor.userId) throw errors.forbidden('Only the requester may withdraw.');
    if (request.status !== 'pending' && request.status !== 'returned') {
      throw errors.conflict(`This request is ${request.status}; it cannot be withdrawn.`);
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
    await this.#subjects.get(request.subject_type)?.onOutcome(trx, request.subject_id, 'withdrawn', ctx);
    await this.#changed(trx, id);
  }

  async #finish(
    trx: Transaction<DB>,
    ctx: ActorContext,
    request: repo.RequestRow,
    outcome: 'approved' | 'rejected' | 'returned',
    comment: string | null,
  ): Promise<void> {
    const label = { approved: '已通过', rejected: '未通过', returned: '被退回修改' }[outcome];
    await this.#deps.notifications.notify(trx, {
      kind: 'approval.decided',
      title: `审批${label}：${request.title}`,
      body: comment ? `${ctx.actor.displayName}：${comment}` : `${ctx.actor.displayName} 完成了审批。`,
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
          title: `抄送：${request.title} 已审批通过`,
          body: `申请人 ${await this.#name(trx, request.requester_id)}。`,
          link: `/approvals/${request.id}`,
          subject: { type: 'approval', id: request.id },
          recipientIds: cc,
        });
      }
    }
    await this.#subjects.get(request.subject_type)?.onOutcome(trx, request.subject_id, outcome, ctx);
    await this.#changed(trx, request.id);
  }

  async list(ctx: ActorContext, query: ApprovalListQuery): Promise<Page<Approval>> {
    const { rows, total } = await repo.list(this.#deps.db, ctx.actor.userId, query);
    const items = await this.#present(this.#deps.db, ctx, rows);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: ActorContext, id: string): Promise<ApprovalDetail> {
    const db = this.#deps.db;
    const row = await repo.findRequest(db, id);
    if (!row || !(await this.#mayView(db, ctx, row))) throw errors.notFound('Approval');
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
    const subject = (await this.#subjects.get(row.subject_type)?.preview?.(db, row.subject_id)) ?? null;
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

  async delegations(ctx: ActorContext): Promise<Delegation[]> {
    const rows = await repo.delegationsOf(this.#deps.db, ctx.actor.userId);
    const refs = await this.#deps.users.refs(
      this.#deps.db,
      rows.flatMap((r) => [r.user_id, r.delegate_id]),
    );
    return rows.map((r) => ({
      id: r.id,
      from: refs.get(r.user_id) ?? unknownUser(r.user_id),
      to: refs.get(r.delegate_id) ?? unknownUser(r.delegate_id),
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      createdAt: r.created_at,
    }));
  }

  async createDelegation(ctx: ActorContext, body: CreateDelegationRequest): Promise<Delegation> {
    if (body.delegateId === ctx.actor.userId)
      throw errors.invalidField('delegateId', 'Delegate to someone else.');
    const [active] = await this.#deps.users.activeEmployees(this.#deps.db, [body.delegateId]);
    if (!active) throw errors.invalidField('delegateId', 'No such active colleague.');
    const id = newId();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.insertDelegation(trx, {
        id,
        user_id: ctx.actor.userId,
        delegate_id: body.delegateId,
        starts_at: new Date(body.startsAt).toISOString(),
        ends_at: new Date(body.endsAt).toISOString(),
        created_at: this.#deps.clock.now().toISOString(),
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'approval.delegation.created',
        targetType: 'approval_delegation',
        targetId: id,
        summary: { delegateId: body.delegateId, startsAt: body.startsAt, endsAt: body.endsAt },
      });
    });
    return (await this.delegations(ctx)).find((d) => d.id === id)!;
  }

  async deleteDelegation(ctx: ActorContext, id: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await repo.findDelegation(trx, id);
      if (!row || row.user_id !== ctx.actor.userId) throw errors.notFound('Delegation');
      await repo.deleteDelegation(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'approval.delegation.deleted',
        targetType: 'approval_delegation',
        targetId: id,
        summary: { delegateId: row.delegate_id },
      });
    });
  }

  /** The people a rule names for this request (active employees; the requester is removed later). */
  /**
   * The people the rules name, active employees only, and — for every rule that named nobody — why
   * (so a skipped step can say so on the timeline).
   */
  async #resolve(
    trx: Transaction<DB>,
    rules: readonly ApproverRule[],
    request: repo.RequestRow,
  ): Promise<{ userIds: string[]; reasons: SkipReason[] }> {
    const out: string[] = [];
    const reasons: SkipReason[] = [];
    const departmentName = async (id: string | null) =>
      id ? ((await this.#department(trx, id))?.name ?? null) : null;
    for (const rule of rules) {
      let found: string[] = [];
      switch (rule.type) {
        case 'requester_head':
          found = await this.#headAbove(trx, request.department_id, request.requester_id);
          if (found.length === 0)
            reasons.push({ kind: 'no_head', department: await departmentName(request.department_id) });
          break;
        case 'division_head': {
          const dept = request.department_id ? await this.#department(trx, request.department_id) : undefined;
          const parent = dept?.parentId ? await this.#department(trx, dept.parentId) : undefined;
          if (parent?.headId && parent.headId !== request.requester_id) found = [parent.headId];
          else reasons.push({ kind: 'no_division_head', department: dept?.name ?? null });
          break;
        }
        case 'department_head': {
          const dept = await this.#department(trx, rule.departmentId);
          if (dept?.headId) found = [dept.headId];
          else reasons.push({ kind: 'no_head', department: dept?.name ?? null });
          break;
        }
        case 'role':
          found = await this.#withRole(trx, rule.roleKey, rule.sameDepartment ? request.department_id : null);
          if (found.length === 0)
            reasons.push({
              kind: 'no_role_holder',
              role: await this.#deps.roles.nameOfKey(trx, rule.roleKey),
            });
          break;
        case 'senior_leadership':
          found = await this.#withRole(trx, 'senior_leadership', null);
          if (found.length === 0) reasons.push({ kind: 'no_senior_leadership' });
          break;
        case 'users':
          found = rule.userIds;
          break;
      }
      out.push(...found);
    }
    const userIds = await this.#deps.users.activeEmployees(trx, out);
    if (userIds.length === 0 && out.length > 0) reasons.push({ kind: 'approvers_inactive' });
    return { userIds, reasons };
  }

  /**
   * The head of the department; when that is the requester themselves (or there is none), the
   * head of the department above, and so on; at the top, senior leadership.
   */
  async #headAbove(
    trx: Transaction<DB>,
    departmentId: string | null,
    requesterId: string,
  ): Promise<string[]> {
    let current = departmentId;
    for (let depth = 0; current && depth < 20; depth++) {
      const dept = await this.#department(trx, current);
      if (!dept) break;
      if (dept.headId && dept.headId !== requesterId) return [dept.headId];
      current = dept.parentId;
    }
    return (await this.#withRole(trx, 'senior_leadership', null)).filter((id) => id !== requesterId);
  }

  /** A department's name, parent and head, from the departments service. */
  async #department(db: Executor, id: string) {
    return (await this.#deps.departments.basicsOf(db, [id])).get(id);
  }

  /** Active holders of a role (of one department when given), any kind; employees are kept later. */
  async #withRole(db: Executor, roleKey: string, departmentId: string | null): Promise<string[]> {
    return this.#deps.users.active(db, await this.#deps.roles.holderIdsOfKey(db, roleKey), departmentId);
  }

  async #mayView(
    db: Kysely<DB> | Transaction<DB>,
    ctx: ActorContext,
    request: repo.RequestRow,
  ): Promise<boolean> {
    const me = ctx.actor.userId;
    if (request.requester_id === me || can(ctx.actor.grants, 'approval.manage')) return true;
    if ((await repo.participants(db, request.id)).includes(me)) return true;
    return (await this.#subjects.get(request.subject_type)?.canView?.(ctx, request.subject_id, db)) ?? false;
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

  /**
   * A step nobody could approve was skipped: the people who maintain the approval templates
   * (approval.manage) hear which step of which request, and why, so they can fix the template or
   * the organisation (a department without a head, a role nobody holds) before it matters.
   */
  async #tellTemplateAdministrators(
    trx: Transaction<DB>,
    ctx: ActorContext,
    request: repo.RequestRow,
    stepName: string,
    reasons: readonly SkipReason[],
  ): Promise<void> {
    const administrators = await this.#deps.roles.activeUserIdsWithPermission(trx, 'approval.manage');
    await this.#deps.notifications.notify(trx, {
      kind: 'approval.skipped',
      title: `审批步骤已跳过：${request.title}`,
      body: `「${stepName}」没有可审批的人，已自动跳过：${reasons.map(skipReasonText).join('；')}。请检查审批模板或组织架构。`,
      link: `/approvals/${request.id}`,
      subject: { type: 'approval', id: request.id },
      actorId: ctx.actor.userId,
      recipientIds: administrators,
      departmentIds: request.department_id ? [request.department_id] : [],
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

function toTemplate(row: repo.TemplateRow): ApprovalTemplate {
  return {
    id: row.id,
    subjectType: row.subject_type,
    name: row.name,
    steps: JSON.parse(row.steps),
    cc: JSON.parse(row.cc),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Someone whose account is gone still shows as their id rather than failing the page. */
function unknownUser(id: string): UserRef {
  return { id, username: id, displayName: id };
}

/** A skip reason in the notice's words (notices are written in the organisation's language, Chinese). */
function skipReasonText(reason: SkipReason): string {
  switch (reason.kind) {
    case 'no_head':
      return reason.department ? `部门「${reason.department}」没有负责人` : '申请人没有所属部门的负责人';
    case 'no_division_head':
      return reason.department ? `部门「${reason.department}」没有上级负责人` : '申请人没有上级负责人';
    case 'no_role_holder':
      return `没有人担任「${reason.role}」`;
    case 'no_senior_leadership':
      return '没有高层领导';
    case 'approvers_inactive':
      return '指定的审批人已停用';
    case 'only_requester':
      return '唯一的审批人是申请人本人';
  }
}
