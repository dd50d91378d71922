import type { ApprovalStatus, ApprovalSubjectType, StepMode } from '@liaison/contracts';

export type StepStatus = 'waiting' | 'active' | 'approved' | 'rejected' | 'skipped';

export interface ApprovalsTables {
  approval_templates: {
    id: string;
    subject_type: ApprovalSubjectType;
    name: string;
    /** JSON array of TemplateStep. */
    steps: string;
    /** JSON array of ApproverRule. */
    cc: string;
    version: number;
    updated_at: string;
    updated_by: string | null;
  };
  approval_requests: {
    id: string;
    template_id: string;
    template_version: number;
    subject_type: ApprovalSubjectType;
    subject_id: string;
    title: string;
    link: string;
    requester_id: string;
    department_id: string | null;
    /** JSON: what the template's conditions read (importance, legal, …). */
    attributes: string;
    status: ApprovalStatus;
    current_step: number | null;
    /** Increases on every resubmission; steps and actions belong to a round. */
    round: number;
    created_at: string;
    updated_at: string;
    finished_at: string | null;
  };
  approval_steps: {
    id: string;
    request_id: string;
    round: number;
    idx: number;
    name: string;
    mode: StepMode;
    status: StepStatus;
  };
  approval_assignees: {
    step_id: string;
    user_id: string;
    on_behalf_of: string | null;
    decision: 'approved' | 'rejected' | 'returned' | null;
    decided_at: string | null;
  };
  approval_cc: { request_id: string; user_id: string };
  approval_actions: {
    id: string;
    request_id: string;
    round: number;
    step_index: number | null;
    actor_id: string | null;
    action: 'submitted' | 'approved' | 'rejected' | 'returned' | 'withdrawn' | 'resubmitted' | 'skipped';
    comment: string | null;
    /** JSON: for `skipped`, the SkipReason list saying why nobody could approve the step. */
    detail: string | null;
    at: string;
  };
  approval_delegations: {
    id: string;
    user_id: string;
    delegate_id: string;
    starts_at: string;
    ends_at: string;
    created_at: string;
  };
}
