import { z } from 'zod';
import { ChannelKind } from './channels.ts';
import { Id, nameText, PageQuery, page, Str, Timestamp, UserRef } from './common.ts';
import { Attachment } from './messages.ts';

/**
 * Communication control (沟通控制): detectors find sensitive content, policies decide what happens
 * to a message that contains it, compliance officers review what was held or matched, and every
 * external communication is recorded. Every outgoing path (messages now; email, announcements and
 * press releases later) asks the same policy engine.
 */

/**
 * Built-in sensitive-information types. Each validates what it finds (check digits, dates), not
 * just its shape, and is more confident when context words (身份证, 银行卡, 账号 …) are near.
 */
export const BUILT_IN_DETECTORS = [
  'cn_id_card',
  'cn_mobile',
  'bank_card',
  'uscc',
  'passport',
  'email',
  'ip_address',
  'classification',
] as const;
export const BuiltInDetector = z.enum(BUILT_IN_DETECTORS);
export type BuiltInDetector = z.infer<typeof BuiltInDetector>;

/** Custom detectors: a keyword dictionary, a regular expression, or classification labels. */
export const CUSTOM_DETECTOR_TYPES = ['keywords', 'regex', 'label'] as const;
export const CustomDetectorType = z.enum(CUSTOM_DETECTOR_TYPES);
export type CustomDetectorType = z.infer<typeof CustomDetectorType>;

export const KEYWORDS_MAX = 20_000;
export const REGEX_MAX_LENGTH = 500;

export const Detector = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    type: CustomDetectorType,
    /** Dictionary terms (keywords) or label words (label); empty for a regex. */
    terms: z.array(z.string()),
    /** The regular expression source (regex only). */
    pattern: z.string().nullable(),
    caseSensitive: z.boolean(),
    /** How many policies use it (a detector in use cannot be deleted). */
    usedBy: z.number().int(),
    updatedAt: Timestamp,
    updatedBy: UserRef.nullable(),
  })
  .meta({ id: 'Detector' });
export type Detector = z.infer<typeof Detector>;

export const DetectorList = z.object({ items: z.array(Detector) });

const detectorCommon = {
  name: nameText(100),
  description: Str.trim().max(500).nullable().optional(),
};
export const SaveDetectorRequest = z.discriminatedUnion('type', [
  z.strictObject({
    ...detectorCommon,
    type: z.literal('keywords'),
    terms: z.array(Str.trim().max(100)).max(KEYWORDS_MAX),
  }),
  z.strictObject({
    ...detectorCommon,
    type: z.literal('label'),
    terms: z.array(Str.trim().max(50)).max(200),
  }),
  z.strictObject({
    ...detectorCommon,
    type: z.literal('regex'),
    pattern: Str.max(REGEX_MAX_LENGTH),
    caseSensitive: z.boolean().default(false),
  }),
]);
export type SaveDetectorRequest = z.infer<typeof SaveDetectorRequest>;

/**
 * Behaviour conditions for internal channel hygiene: flooding (too many messages from one sender
 * in a channel within a window) and repetition (the same text again and again).
 */
export const Behaviour = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('flooding'),
    maxMessages: z.number().int().min(2).max(1000),
    windowSeconds: z.number().int().min(5).max(86_400),
  }),
  z.strictObject({
    kind: z.literal('repetition'),
    maxRepeats: z.number().int().min(1).max(100),
    windowSeconds: z.number().int().min(5).max(86_400),
  }),
]);
export type Behaviour = z.infer<typeof Behaviour>;

/**
 * What a rule does. `audit` allows and records; `warn` makes the sender confirm; `hold` keeps the
 * message from its recipients until a compliance officer approves it; `block` refuses it;
 * `redact` masks what matched before delivery and keeps the original for compliance.
 */
export const CONTROL_ACTIONS = ['audit', 'warn', 'redact', 'hold', 'block'] as const;
export const ControlAction = z.enum(CONTROL_ACTIONS);
export type ControlAction = z.infer<typeof ControlAction>;

/** When several rules match, the most restrictive action wins. */
export const ACTION_SEVERITY: Record<ControlAction, number> = {
  audit: 0,
  warn: 1,
  redact: 2,
  hold: 3,
  block: 4,
};

/** A detector a rule refers to: a built-in type or a custom detector's id. */
export const DetectorRef = z.union([BuiltInDetector, Id]);

export const PolicyRule = z.strictObject({
  /** Stable across edits, so recorded matches keep pointing at their rule. Assigned when absent. */
  id: Id.optional(),
  name: nameText(100),
  /** Content condition: any of these detectors, at or above the confidence, at least minCount times. */
  detectors: z.array(DetectorRef).max(50).default([]),
  minConfidence: z.number().min(0).max(1).default(0.5),
  minCount: z.number().int().min(1).max(1000).default(1),
  behaviour: Behaviour.nullable().default(null),
  /** Only for messages to these counterparties (external channels); empty = any recipient. */
  counterpartyIds: z.array(Id).max(200).default([]),
  /** Only for senders in these departments (and below); empty = any sender. */
  senderDepartmentIds: z.array(Id).max(200).default([]),
  action: ControlAction,
  /** For `warn`: the sender must give a reason to continue. */
  requireJustification: z.boolean().default(false),
});
export type PolicyRule = z.infer<typeof PolicyRule>;
export type PolicyRuleInput = z.input<typeof PolicyRule>;

export const CONTROL_DIRECTIONS = ['external', 'internal', 'any'] as const;
export const ControlDirection = z.enum(CONTROL_DIRECTIONS);
export type ControlDirection = z.infer<typeof ControlDirection>;

export const PolicyScope = z.strictObject({
  /** external: to channels shared with a counterparty; internal: every other channel. */
  direction: ControlDirection.default('external'),
  /** Empty = every kind the direction allows. */
  channelKinds: z.array(ChannelKind).max(10).default([]),
  /** The sender's departments (with their sub-departments); empty = everyone. */
  departmentIds: z.array(Id).max(200).default([]),
});
export type PolicyScope = z.infer<typeof PolicyScope>;

/** `test`: matches are recorded but nothing is enforced, to try a policy before switching it on. */
export const PolicyMode = z.enum(['enforce', 'test']);
export type PolicyMode = z.infer<typeof PolicyMode>;

export const ControlPolicy = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    mode: PolicyMode,
    /** Lower first in the list; all enabled policies are evaluated, the strictest action wins. */
    priority: z.number().int(),
    scope: PolicyScope,
    rules: z.array(PolicyRule.required({ id: true })),
    version: z.number().int(),
    updatedAt: Timestamp,
    updatedBy: UserRef.nullable(),
  })
  .meta({ id: 'ControlPolicy' });
export type ControlPolicy = z.infer<typeof ControlPolicy>;

export const ControlPolicyList = z.object({ items: z.array(ControlPolicy) });

export const SavePolicyRequest = z.strictObject({
  name: nameText(100),
  description: Str.trim().max(1000).nullable().optional(),
  enabled: z.boolean().default(true),
  mode: PolicyMode.default('enforce'),
  priority: z.number().int().min(0).max(10_000).default(100),
  scope: PolicyScope,
  rules: z.array(PolicyRule).min(1).max(50),
});
export type SavePolicyRequest = z.infer<typeof SavePolicyRequest>;

/** One detector's hits within a rule match; the matched values themselves are never echoed. */
export const MatchedKind = z.object({
  detector: z.string(),
  /** The detector's name for people: a custom detector's name, or the built-in key. */
  name: z.string(),
  count: z.number().int(),
  confidence: z.number(),
});
export type MatchedKind = z.infer<typeof MatchedKind>;

export const RuleMatch = z.object({
  policyId: Id,
  policyName: z.string(),
  ruleId: Id,
  ruleName: z.string(),
  action: ControlAction,
  /** From a policy in test mode: recorded, not enforced. */
  test: z.boolean(),
  kinds: z.array(MatchedKind),
});
export type RuleMatch = z.infer<typeof RuleMatch>;

/** `details` of `policy_blocked` (422) and `policy_confirmation_required` (409). */
export const PolicyRefusal = z.object({
  action: ControlAction,
  rules: z.array(RuleMatch),
  requireJustification: z.boolean(),
});
export type PolicyRefusal = z.infer<typeof PolicyRefusal>;

/** What became of an evaluated communication. */
export const CONTROL_OUTCOMES = [
  'allowed',
  'warned',
  'redacted',
  'held',
  'approved',
  'rejected',
  'blocked',
] as const;
export const ControlOutcome = z.enum(CONTROL_OUTCOMES);
export type ControlOutcome = z.infer<typeof ControlOutcome>;

/**
 * Review state of a recorded match: `pending` for held messages awaiting a decision, `open` for
 * other matches not yet looked at.
 */
export const REVIEW_STATUSES = [
  'pending',
  'open',
  'approved',
  'rejected',
  'reviewed',
  'false_positive',
] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ChannelBrief = z.object({ id: Id, name: z.string(), kind: ChannelKind });
export const CounterpartyBrief = z.object({ id: Id, name: z.string() });

/** A recorded policy match (the review queue's item), with the content for compliance officers. */
export const ControlEvent = z
  .object({
    id: Id,
    at: Timestamp,
    subjectType: z.enum(['message']),
    sender: UserRef.nullable(),
    channel: ChannelBrief.nullable(),
    counterparty: CounterpartyBrief.nullable(),
    direction: z.enum(['external', 'internal']),
    action: ControlAction,
    outcome: ControlOutcome,
    matches: z.array(RuleMatch),
    /**
     * The text as the sender wrote it (only compliance officers see this record). Lists show it
     * masked where something matched; `GET /api/control/events/:id` shows it whole, and is audited.
     */
    content: z.string(),
    highlights: z.array(z.object({ start: z.number().int(), end: z.number().int(), detector: z.string() })),
    attachments: z.array(Attachment),
    justification: z.string().nullable(),
    /** The delivered message (for held messages: once approved). */
    messageId: Id.nullable(),
    status: ReviewStatus,
    reviewedBy: UserRef.nullable(),
    reviewedAt: Timestamp.nullable(),
    reviewComment: z.string().nullable(),
  })
  .meta({ id: 'ControlEvent' });
export type ControlEvent = z.infer<typeof ControlEvent>;

export const ControlEventPage = page(ControlEvent);

export const ControlEventQuery = PageQuery.extend({
  status: z.union([ReviewStatus, z.literal('todo')]).optional(),
  action: ControlAction.optional(),
  senderId: Id.optional(),
  channelId: Id.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
}).strict();
export type ControlEventQuery = z.infer<typeof ControlEventQuery>;

export const ReviewDecision = z.enum(['approve', 'reject', 'false_positive', 'reviewed']);
export const ReviewRequest = z.strictObject({
  decision: ReviewDecision,
  comment: Str.trim().max(1000).nullable().optional(),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

/** A message kept from its recipients by a `hold` rule, as its sender sees it. */
export const HeldMessage = z
  .object({
    id: Id,
    channelId: Id,
    body: z.string(),
    threadId: Id.nullable(),
    attachments: z.array(Attachment),
    status: z.enum(['held', 'approved', 'rejected']),
    rules: z.array(z.string()),
    reviewComment: z.string().nullable(),
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    clientId: z.string().nullable(),
  })
  .meta({ id: 'HeldMessage' });
export type HeldMessage = z.infer<typeof HeldMessage>;

export const HeldMessageList = z.object({ items: z.array(HeldMessage) });

/** Try text against the enabled policies without sending anything (the policy editor's 试一试). */
export const PolicyTestRequest = z.strictObject({
  text: Str.max(10_000),
  channelId: Id.optional(),
});
export const PolicyTestResult = z.object({
  action: ControlAction.nullable(),
  rules: z.array(RuleMatch),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int(), detector: z.string() })),
  redacted: z.string(),
});
export type PolicyTestResult = z.infer<typeof PolicyTestResult>;

/** 对外沟通记录: one external communication. */
export const EXTERNAL_RECORD_KINDS = ['message', 'email', 'call', 'meeting'] as const;
export const ExternalRecord = z
  .object({
    id: Id,
    kind: z.enum(EXTERNAL_RECORD_KINDS),
    occurredAt: Timestamp,
    person: UserRef.nullable(),
    /** outbound: from the company; inbound: from the counterparty's contact. */
    direction: z.enum(['outbound', 'inbound']),
    counterparty: CounterpartyBrief.nullable(),
    channel: ChannelBrief.nullable(),
    summary: z.string(),
    attachmentCount: z.number().int(),
    outcome: ControlOutcome,
    controlEventId: Id.nullable(),
    messageId: Id.nullable(),
  })
  .meta({ id: 'ExternalRecord' });
export type ExternalRecord = z.infer<typeof ExternalRecord>;

export const ExternalRecordPage = page(ExternalRecord);

export const ExternalRecordQuery = PageQuery.extend({
  personId: Id.optional(),
  counterpartyId: Id.optional(),
  outcome: ControlOutcome.optional(),
  direction: z.enum(['outbound', 'inbound']).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  q: Str.trim().max(100).optional(),
}).strict();
export type ExternalRecordQuery = z.infer<typeof ExternalRecordQuery>;

/** How a user's external communication departed from their own baseline. */
export const ANOMALY_KINDS = ['volume_spike', 'bulk_attachments', 'new_recipients', 'off_hours'] as const;
export const AnomalyKind = z.enum(ANOMALY_KINDS);
export type AnomalyKind = z.infer<typeof AnomalyKind>;

export const AnomalyAlert = z
  .object({
    id: Id,
    user: UserRef,
    kind: AnomalyKind,
    windowStart: Timestamp,
    windowEnd: Timestamp,
    /** What the window held (messages, attachments, new counterparties …). */
    observed: z.number(),
    /** What the user's baseline expects for such a window. */
    baseline: z.number(),
    status: z.enum(['open', 'acknowledged']),
    acknowledgedBy: UserRef.nullable(),
    acknowledgedAt: Timestamp.nullable(),
    comment: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'AnomalyAlert' });
export type AnomalyAlert = z.infer<typeof AnomalyAlert>;

export const AnomalyAlertPage = page(AnomalyAlert);

export const AnomalyAlertQuery = PageQuery.extend({
  status: z.enum(['open', 'acknowledged']).optional(),
  userId: Id.optional(),
  kind: AnomalyKind.optional(),
}).strict();
export type AnomalyAlertQuery = z.infer<typeof AnomalyAlertQuery>;

export const AcknowledgeAlertRequest = z.strictObject({
  comment: Str.trim().max(1000).nullable().optional(),
});
