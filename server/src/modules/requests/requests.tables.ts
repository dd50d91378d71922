import type { RequestPriority, RequestStatus } from '@liaison/contracts';

/** due_soon: remind the handler; escalate: raise the escalation level by one. */
export type RequestStep = 'due_soon' | 'escalate';

export interface RequestsTables {
  dept_requests: {
    id: string;
    number: number;
    title: string;
    body: string;
    priority: RequestPriority;
    from_department_id: string;
    to_department_id: string;
    raised_by: string;
    handler_id: string | null;
    status: RequestStatus;
    response_due_at: string;
    first_responded_at: string | null;
    responded_in_time: number | null;
    escalation_level: number;
    next_step_at: string | null;
    next_step: RequestStep | null;
    wanted_by: string | null;
    resolved_at: string | null;
    search_text: string;
    created_at: string;
    updated_at: string;
  };
  request_events: {
    id: string;
    request_id: string;
    type:
      | 'raised'
      | 'responded'
      | 'replied'
      | 'assigned'
      | 'reminded'
      | 'escalated'
      | 'resolved'
      | 'withdrawn'
      | 'reopened';
    actor_id: string | null;
    body: string | null;
    level: number | null;
    target_id: string | null;
    at: string;
  };
}
