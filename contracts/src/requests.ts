import { z } from 'zod';
import { Id, nameText, PageQuery, page, Str, Timestamp, text, UserRef } from './common.ts';
import { DepartmentRef } from './tasks.ts';

/**
 * A request one department raises to another (跨部门协作请求), under first-ask responsibility
 * (首问负责制): the receiving department must respond within the configured working hours or it
 * escalates, first to its head, then to senior leadership.
 */
export const REQUEST_STATUSES = ['open', 'in_progress', 'resolved', 'withdrawn'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const REQUEST_PRIORITIES = ['normal', 'urgent'] as const;
export const RequestPriority = z.enum(REQUEST_PRIORITIES);
export type RequestPriority = z.infer<typeof RequestPriority>;

/** 0: not escalated; 1: to the receiving department's head; 2: to senior leadership. */
export const EscalationLevel = z.number().int().min(0).max(2);

export const DeptRequest = z
  .object({
    id: Id,
    /** Short human number, e.g. R-17. */
    number: z.number().int(),
    title: z.string(),
    body: z.string(),
    priority: RequestPriority,
    fromDepartment: DepartmentRef,
    toDepartment: DepartmentRef,
    raisedBy: UserRef,
    /** Who in the receiving department answers (its liaison by default). */
    handler: UserRef.nullable(),
    status: RequestStatus,
    /** When the first response is due: the configured working hours after it was raised. */
    responseDueAt: Timestamp,
    firstRespondedAt: Timestamp.nullable(),
    /** Answered within the deadline; null while unanswered and not yet late. */
    respondedInTime: z.boolean().nullable(),
    overdue: z.boolean(),
    escalationLevel: EscalationLevel,
    /** When the next reminder or escalation is planned; null when none is. */
    nextStepAt: Timestamp.nullable(),
    wantedBy: Timestamp.nullable(),
    resolvedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    can: z.object({ respond: z.boolean(), assign: z.boolean(), resolve: z.boolean(), withdraw: z.boolean() }),
  })
  .meta({ id: 'DeptRequest' });
export type DeptRequest = z.infer<typeof DeptRequest>;

export const REQUEST_EVENT_TYPES = [
  'raised',
  'responded',
  'replied',
  'assigned',
  'reminded',
  'escalated',
  'resolved',
  'withdrawn',
  'reopened',
] as const;
export const RequestEventType = z.enum(REQUEST_EVENT_TYPES);

export const RequestEvent = z.object({
  id: Id,
  type: RequestEventType,
  actor: UserRef.nullable(),
  body: z.string().nullable(),
  /** For escalations: the level reached; for assignments: the new handler. */
  level: z.number().int().nullable(),
  target: UserRef.nullable(),
  at: Timestamp,
});
export type RequestEvent = z.infer<typeof RequestEvent>;

export const DeptRequestDetail = DeptRequest.extend({ events: z.array(RequestEvent) }).meta({
  id: 'DeptRequestDetail',
});
export type DeptRequestDetail = z.infer<typeof DeptRequestDetail>;

export const CreateDeptRequest = z.strictObject({
  toDepartmentId: Id,
  /** Raised on behalf of this department; default the caller's own. */
  fromDepartmentId: Id.optional(),
  title: nameText(200),
  body: Str.trim().min(1).max(10_000),
  priority: RequestPriority.default('normal'),
  wantedBy: Timestamp.nullable().default(null),
});
export type CreateDeptRequest = z.infer<typeof CreateDeptRequest>;

export const ReplyDeptRequest = z.strictObject({ body: text(5000) });
export type ReplyDeptRequest = z.infer<typeof ReplyDeptRequest>;

export const AssignDeptRequest = z.strictObject({ handlerId: Id });
export const ResolveDeptRequest = z.strictObject({
  body: Str.trim().max(5000).nullable().default(null),
});

export const REQUEST_BOXES = ['incoming', 'outgoing', 'all'] as const;
export const DeptRequestListQuery = PageQuery.extend({
  /** incoming: to my department(s); outgoing: raised by my department(s); all: in my scope. */
  box: z.enum(REQUEST_BOXES).default('incoming'),
  departmentId: Id.optional(),
  status: RequestStatus.optional(),
  escalated: z.enum(['true', 'false']).optional(),
  q: Str.trim().max(100).optional(),
});
export type DeptRequestListQuery = z.infer<typeof DeptRequestListQuery>;

export const DeptRequestPage = page(DeptRequest);

export const RequestReportQuery = z.strictObject({ from: Timestamp, to: Timestamp });
export type RequestReportQuery = z.infer<typeof RequestReportQuery>;

export const RequestReportRow = z.object({
  department: DepartmentRef,
  received: z.number().int(),
  responded: z.number().int(),
  respondedInTime: z.number().int(),
  /** Unanswered and past their deadline now. */
  overdueOpen: z.number().int(),
  /** Unanswered with the deadline still ahead: not yet due, counted neither way. */
  pending: z.number().int(),
  escalated: z.number().int(),
  /** respondedInTime ÷ (received that are answered or past due); null when none are. */
  onTimeRate: z.number().nullable(),
});
export type RequestReportRow = z.infer<typeof RequestReportRow>;

export const RequestReport = z
  .object({ from: Timestamp, to: Timestamp, rows: z.array(RequestReportRow), firstResponseHours: z.number() })
  .meta({ id: 'RequestReport' });
export type RequestReport = z.infer<typeof RequestReport>;

export const RequestSettings = z.object({
  /** Working hours the receiving department has to respond; also each escalation step. */
  firstResponseHours: z.number().min(1).max(720),
});
export type RequestSettings = z.infer<typeof RequestSettings>;
