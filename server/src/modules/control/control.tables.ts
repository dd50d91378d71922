import type {
  AnomalyKind,
  ControlAction,
  ControlOutcome,
  CustomDetectorType,
  PolicyMode,
  ReviewStatus,
} from '@liaison/contracts';

/** Custom detectors: keyword dictionaries, regular expressions and classification labels. */
export interface ControlDetectorsTable {
  id: string;
  name: string;
  description: string | null;
  type: CustomDetectorType;
  /** JSON array of terms (keywords, labels); `[]` for a regex. */
  terms: string;
  pattern: string | null;
  case_sensitive: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ControlPoliciesTable {
  id: string;
  name: string;
  description: string | null;
  enabled: number;
  mode: PolicyMode;
  priority: number;
  /** JSON PolicyScope. */
  scope: string;
  /** JSON array of PolicyRule, each with its id. */
  rules: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** Every evaluation that matched a rule: what compliance officers review. */
export interface ControlEventsTable {
  id: string;
  at: string;
  subject_type: 'message';
  sender_id: string | null;
  channel_id: string | null;
  counterparty_id: string | null;
  direction: 'external' | 'internal';
  action: ControlAction;
  outcome: ControlOutcome;
  /** JSON array of RuleMatch. */
  matches: string;
  /**
   * The text as written, the sensitive values included: sealed with the field cipher (see
   * platform/crypto/sealed.ts), read by compliance officers only, each reading audited.
   */
  content: string;
  /** JSON array of { start, end, detector }. */
  highlights: string;
  attachment_ids: string;
  justification: string | null;
  message_id: string | null;
  status: ReviewStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  /** 1 when `content` is sealed; 0 for a row from before sealing, until the start-up sweep. */
  sealed: number;
}

/** A message kept from its recipients until a compliance officer decides. */
export interface HeldMessagesTable {
  id: string;
  channel_id: string;
  author_id: string;
  thread_root_id: string | null;
  /** As the sender wrote it; sealed. */
  body: string;
  /** What recipients get once approved, when a `redact` rule also matched (else the body); sealed. */
  delivered_body: string | null;
  attachment_ids: string;
  client_id: string | null;
  /** JSON array of the names of the rules that held it (what the sender is told). */
  rules: string;
  status: 'held' | 'approved' | 'rejected';
  control_event_id: string;
  review_comment: string | null;
  created_at: string;
  decided_at: string | null;
  /** 1 when `body` and `delivered_body` are sealed; 0 for a row from before sealing. */
  sealed: number;
}

/** 对外沟通记录: one row per external communication (message, and later email, call, meeting). */
export interface ExternalRecordsTable {
  id: string;
  kind: 'message' | 'email' | 'call' | 'meeting';
  occurred_at: string;
  person_id: string | null;
  direction: 'outbound' | 'inbound';
  counterparty_id: string | null;
  channel_id: string | null;
  message_id: string | null;
  /**
   * The text as delivered, shortened, with what the policies caught and every personal number
   * masked whatever the policies (so it is kept in the clear: people search and export it).
   */
  summary: string;
  attachment_count: number;
  outcome: ControlOutcome;
  control_event_id: string | null;
}

export interface AnomalyAlertsTable {
  id: string;
  user_id: string;
  kind: AnomalyKind;
  window_start: string;
  window_end: string;
  observed: number;
  baseline: number;
  status: 'open' | 'acknowledged';
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  comment: string | null;
  created_at: string;
}

export interface ControlTables {
  control_detectors: ControlDetectorsTable;
  control_policies: ControlPoliciesTable;
  control_events: ControlEventsTable;
  held_messages: HeldMessagesTable;
  external_records: ExternalRecordsTable;
  anomaly_alerts: AnomalyAlertsTable;
}
