import type {
  AnnouncementDetail,
  ApprovalSubjectType,
  Audience,
  CreateAnnouncementRequest,
} from '@liaison/contracts';
import { SaveApprovalTemplateRequest } from '@liaison/contracts';
import type { z } from 'zod';
import type { ActorContext } from '../../src/platform/auth/actor.ts';
import type { TestApp } from '../app.ts';

/**
 * Factories for information publishing: announcements and approvals, built through the services
 * (not HTTP), for tests whose subject is what happens next. Each call makes its own records.
 */

let counter = 0;

export interface AnnouncementInput {
  /** Who writes it (default: the administrator). */
  author?: ActorContext;
  /** The publishing department (default: a new one). */
  departmentId?: string;
  /** Category key (default `general`, which needs no approval). */
  category?: string;
  title?: string;
  bodyHtml?: string;
  audience?: Partial<Audience>;
  importance?: CreateAnnouncementRequest['importance'];
  requiresAck?: boolean;
  ackDeadline?: string | null;
  effectiveAt?: string;
  ownerId?: string;
  /**
   * How far it goes: a draft, submitted (into approval when its category or importance needs it,
   * else published or scheduled), or published — approved on the way by whoever each step asks.
   */
  state?: 'draft' | 'submitted' | 'published';
}

export async function buildAnnouncement(
  t: TestApp,
  input: AnnouncementInput = {},
): Promise<AnnouncementDetail> {
  counter += 1;
  const author = input.author ?? t.adminCtx;
  const categories = await t.services.announcementCategories.categories();
  const category = categories.find((c) => c.key === (input.category ?? 'general'));
  if (!category) throw new Error(`no announcement category ${input.category}`);
  const departmentId = input.departmentId ?? (await t.buildDepartment()).id;
  const draft = await t.services.announcementDrafts.create(author, {
    categoryId: category.id,
    title: input.title ?? `测试通知${counter}`,
    bodyHtml: input.bodyHtml ?? '<p>测试内容</p>',
    publishingDepartmentId: departmentId,
    ownerId: input.ownerId ?? author.actor.userId,
    effectiveAt: input.effectiveAt ?? t.clock.now().toISOString(),
    expiresAt: null,
    pinned: false,
    importance: input.importance ?? 'normal',
    requiresAck: input.requiresAck ?? false,
    ackDeadline: input.ackDeadline ?? null,
    audience: {
      everyone: false,
      departments: [],
      teams: [],
      users: [],
      counterparties: [],
      ...input.audience,
    },
    fileIds: [],
  });
  const state = input.state ?? 'draft';
  if (state === 'draft') return draft;
  let current = await t.services.announcementPublishing.submit(author, draft.id);
  if (state === 'submitted') return current;
  // Approve step by step as the people each active step waits for.
  for (let guard = 0; current.status === 'in_approval' && current.approvalId && guard < 10; guard++) {
    const approval = await t.services.approvalQueries.get(t.adminCtx, current.approvalId);
    const step = approval.steps.find((s) => s.status === 'active');
    const approver = step?.approvers.find((a) => a.decision === null);
    if (!approver) throw new Error('the approval waits for nobody');
    await t.services.approvals.decide(await t.ctxFor(approver), current.approvalId, {
      decision: 'approve',
      comment: null,
    });
    current = await t.services.announcements.get(author, draft.id);
  }
  if (current.status !== 'published') throw new Error(`announcement is ${current.status}, not published`);
  return current;
}

type TemplateInput = z.input<typeof SaveApprovalTemplateRequest>;

/** Sets the one template of a subject type (its steps and whom it copies). */
export async function buildApprovalTemplate(
  t: TestApp,
  subjectType: ApprovalSubjectType,
  template: Omit<TemplateInput, 'name' | 'cc'> & Partial<Pick<TemplateInput, 'name' | 'cc'>>,
) {
  counter += 1;
  // Parsed as the route would, so steps take the contract's defaults (no condition, …).
  const body = SaveApprovalTemplateRequest.parse({
    name: template.name ?? `测试审批${counter}`,
    steps: template.steps,
    cc: template.cc ?? [],
  });
  return t.services.approvalTemplates.saveTemplate(t.adminCtx, subjectType, body);
}

export interface ApprovalInput {
  subjectType: ApprovalSubjectType;
  /** Who asks (a context acting as them). */
  requester: ActorContext;
  /** The department whose head approves `requester_head` steps. */
  departmentId: string | null;
  attributes?: Record<string, string | boolean>;
  subjectId?: string;
  title?: string;
  /**
   * The template to use, set first (default: whatever the subject type's template is now). A
   * subject type with no module behind it in the test gets a subject that ignores outcomes.
   */
  template?: Parameters<typeof buildApprovalTemplate>[2];
}

/** An approval request (and, when given, its template), opened as the requester. */
export async function buildApproval(
  t: TestApp,
  input: ApprovalInput,
): Promise<{ id: string; status: string }> {
  counter += 1;
  if (input.template) await buildApprovalTemplate(t, input.subjectType, input.template);
  const subjectId = input.subjectId ?? `0193a000-0000-7000-8000-${String(counter).padStart(12, '0')}`;
  return t.database.db.transaction().execute((trx) =>
    t.services.approvals.submit(trx, input.requester, {
      subjectType: input.subjectType,
      subjectId,
      title: input.title ?? `测试申请${counter}`,
      link: `/test/${subjectId}`,
      departmentId: input.departmentId,
      attributes: input.attributes ?? {},
    }),
  );
}
