import { z } from 'zod';
import { Id, nameText, PageQuery, page, Str, Timestamp, UserRef } from './common.ts';

/** What can be approved; each subject type has one template. */
export const APPROVAL_SUBJECT_TYPES = [
  'announcement',
  'external_request',
  'press_release',
  'permission_change',
  'held_message',
] as const;
export const ApprovalSubjectType = z.enum(APPROVAL_SUBJECT_TYPES);
export type ApprovalSubjectType = z.infer<typeof ApprovalSubjectType>;

/**
 * Who approves a step, resolved when the request is submitted:
 * - requester_head: the head of the requester's department (部门负责人);
 * - division_head: the head of the department above it (分管领导);
 * - department_head: the head of a named department (e.g. 法务部);
 * - role: holders of a role, optionally only inside the requester's department;
 * - senior_leadership: everyone holding the senior leadership role (高层领导);
 * - users: named people.
 */
export const ApproverRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('requester_head') }),
  z.strictObject({ type: z.literal('division_head') }),
  z.strictObject({ type: z.literal('department_head'), departmentId: Id }),
  z.strictObject({
    type: z.literal('role'),
    roleKey: Str.min(1).max(60),
    sameDepartment: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('senior_leadership') }),
  z.strictObject({ type: z.literal('users'), userIds: z.array(Id).min(1).max(50) }),
]);
export type ApproverRule = z.infer<typeof ApproverRule>;

/** A step applies only when the subject's attribute has one of these values (e.g. importance = major). */
export const StepCondition = z.strictObject({
  attribute: Str.min(1).max(40),
  in: z
    .array(z.union([Str.max(60), z.boolean()]))
    .min(1)
    .max(20),
});
export type StepCondition = z.infer<typeof StepCondition>;

/** 或签 (any one approver decides) or 会签 (every approver must approve). */
export const StepMode = z.enum(['any', 'all']);
export type StepMode = z.infer<typeof StepMode>;

export const TemplateStep = z.strictObject({
  id: Str.min(1).max(40),
  name: nameText(60),
  approvers: z.array(ApproverRule).min(1).max(10),
  mode: StepMode.default('any'),
  condition: StepCondition.nullable().default(null),
});
export type TemplateStep = z.infer<typeof TemplateStep>;

export const ApprovalTemplate = z
  .object({
    id: Id,
    subjectType: ApprovalSubjectType,
    name: z.string(),
    steps: z.array(TemplateStep),
    /** 抄送: told when the request is approved. */
    cc: z.array(ApproverRule),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'ApprovalTemplate' });
export type ApprovalTemplate = z.infer<typeof ApprovalTemplate>;

export const SaveApprovalTemplateRequest = z.strictObject({
  name: nameText(80),
  steps: z.array(TemplateStep).min(1).max(10),
  cc: z.array(ApproverRule).max(10).default([]),
});
export type SaveApprovalTemplateRequest = z.infer<typeof SaveApprovalTemplateRequest>;

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const APPROVAL_ACTIONS = [
  'submitted',
  'approved',
  'rejected',
  'returned',
  'withdrawn',
  'resubmitted',
  'skipped',
] as const;
export const ApprovalActionType = z.enum(APPROVAL_ACTIONS);

export const ApprovalStep = z.object({
  index: z.number().int(),
  name: z.string(),
  mode: StepMode,
  status: z.enum(['waiting', 'active', 'approved', 'rejected', 'skipped']),
  approvers: z.array(
    UserRef.extend({
      decision: z.enum(['approved', 'rejected', 'returned']).nullable(),
      decidedAt: Timestamp.nullable(),
      /** The approver this one stands in for (delegation). */
      onBehalfOf: UserRef.nullable(),
    }),
  ),
});
export type ApprovalStep = z.infer<typeof ApprovalStep>;

/**
 * Why a step had nobody to approve it, one entry per approver rule that found nobody:
 * - no_head: the department (the requester's, or the one the rule names) has no head, nor any above;
 * - no_division_head: the department above the requester's has no head (or it is the requester);
 * - no_role_holder: nobody active holds the role (in the requester's department, if so limited);
 * - no_senior_leadership: nobody holds the senior leadership role;
 * - approvers_inactive: the named people are disabled or external;
 * - only_requester: the one approver found is the requester, who cannot approve their own request.
 */
export const SkipReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_head'), department: z.string().nullable() }),
  z.object({ kind: z.literal('no_division_head'), department: z.string().nullable() }),
  z.object({ kind: z.literal('no_role_holder'), role: z.string() }),
  z.object({ kind: z.literal('no_senior_leadership') }),
  z.object({ kind: z.literal('approvers_inactive') }),
  z.object({ kind: z.literal('only_requester') }),
]);
export type SkipReason = z.infer<typeof SkipReason>;

export const ApprovalAction = z.object({
  id: Id,
  action: ApprovalActionType,
  actor: UserRef.nullable(),
  stepIndex: z.number().int().nullable(),
  comment: z.string().nullable(),
  /** For a skipped step: why nobody could approve it. Empty otherwise. */
  skipReasons: z.array(SkipReason),
  at: Timestamp,
});
export type ApprovalAction = z.infer<typeof ApprovalAction>;

export const Approval = z
  .object({
    id: Id,
    subjectType: ApprovalSubjectType,
    subjectId: Id,
    title: z.string(),
    /** Path of the subject in the web app. */
    link: z.string(),
    requester: UserRef,
    status: ApprovalStatus,
    currentStep: z.number().int().nullable(),
    round: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    /** The caller's own part: approve/reject/return on the active step; withdraw as requester. */
    can: z.object({ decide: z.boolean(), withdraw: z.boolean() }),
  })
  .meta({ id: 'Approval' });
export type Approval = z.infer<typeof Approval>;

/**
 * What is being approved, as its module presents it to the approvers: labelled facts (the client
 * labels each `key`; a `code` is a value it words too, a `text` is shown as it is — a name, a date),
 * the body (sanitised HTML) and the attached files.
 */
export const ApprovalSubjectField = z.union([
  z.object({ key: z.string(), text: z.string() }),
  z.object({ key: z.string(), code: z.string() }),
  z.object({ key: z.string(), instant: Timestamp }),
]);
export type ApprovalSubjectField = z.infer<typeof ApprovalSubjectField>;

export const ApprovalSubjectPreview = z
  .object({
    title: z.string(),
    fields: z.array(ApprovalSubjectField),
    bodyHtml: z.string().nullable(),
    files: z.array(z.object({ id: Id, fileName: z.string(), size: z.number().int() })),
  })
  .meta({ id: 'ApprovalSubjectPreview' });
export type ApprovalSubjectPreview = z.infer<typeof ApprovalSubjectPreview>;

export const ApprovalDetail = Approval.extend({
  /** The subject itself, from its module (null when the module offers no preview or it is gone). */
  subject: ApprovalSubjectPreview.nullable(),
  steps: z.array(ApprovalStep),
  cc: z.array(UserRef),
  timeline: z.array(ApprovalAction),
}).meta({ id: 'ApprovalDetail' });
export type ApprovalDetail = z.infer<typeof ApprovalDetail>;

/** 待我审批 / 我发起的 / 已处理. */
export const APPROVAL_BOXES = ['todo', 'mine', 'done'] as const;
export const ApprovalListQuery = PageQuery.extend({
  box: z.enum(APPROVAL_BOXES).default('todo'),
  subjectType: ApprovalSubjectType.optional(),
  subjectId: Id.optional(),
  status: ApprovalStatus.optional(),
});
export type ApprovalListQuery = z.infer<typeof ApprovalListQuery>;
export const ApprovalPage = page(Approval);

export const DecideApprovalRequest = z
  .strictObject({
    decision: z.enum(['approve', 'reject', 'return']),
    comment: Str.trim().max(2000).nullable().default(null),
  })
  .refine((d) => d.decision === 'approve' || (d.comment !== null && d.comment.length > 0), {
    message: 'give a reason when rejecting or returning',
    path: ['comment'],
  });
export type DecideApprovalRequest = z.infer<typeof DecideApprovalRequest>;

export const WithdrawApprovalRequest = z.strictObject({
  comment: Str.trim().max(2000).nullable().default(null),
});

export const Delegation = z
  .object({
    id: Id,
    from: UserRef,
    to: UserRef,
    startsAt: Timestamp,
    endsAt: Timestamp,
    createdAt: Timestamp,
  })
  .meta({ id: 'Delegation' });
export type Delegation = z.infer<typeof Delegation>;

export const CreateDelegationRequest = z
  .strictObject({ delegateId: Id, startsAt: Timestamp, endsAt: Timestamp })
  .refine((d) => d.startsAt < d.endsAt, {
    message: 'the delegation must end after it starts',
    path: ['endsAt'],
  });
export type CreateDelegationRequest = z.infer<typeof CreateDelegationRequest>;
