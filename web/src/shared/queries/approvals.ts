import type { ApprovalDetail } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ApprovalDecision,
  decideApproval,
  getApproval,
  listApprovals,
  withdrawApproval,
} from '../../api/approvals.ts';
import { queryKeys } from '../../api/keys.ts';

export function useApproval(id: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.approvals.detail(id ?? ''),
    queryFn: () => getApproval(id!),
    enabled: !!id && enabled,
    retry: false,
    meta: { silent: true },
  });
}

/** How many approvals wait for the reader (the menu badge); approval.changed moves it. */
export function useTodoApprovalCount(enabled: boolean): number {
  const filters = { box: 'todo' } as const;
  const query = useQuery({
    queryKey: queryKeys.approvals.list(filters, 1, 1),
    queryFn: () => listApprovals(filters, 1, 1),
    select: (data) => data.total,
    enabled,
    refetchInterval: 5 * 60_000,
    meta: { silent: true },
  });
  return query.data ?? 0;
}

export type ApprovalAct =
  | { kind: 'decide'; decision: ApprovalDecision; comment: string | null }
  | { kind: 'withdraw'; comment: string | null };

/**
 * A decision or a withdrawal; the answer replaces the cached detail, and the inboxes and the
 * subject (an announcement's status) reload.
 */
export function useApprovalAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (act: ApprovalAct) =>
      act.kind === 'decide'
        ? decideApproval(id, act.decision, act.comment)
        : withdrawApproval(id, act.comment),
    onSuccess: (approval: ApprovalDetail) => {
      queryClient.setQueryData(queryKeys.approvals.detail(approval.id), approval);
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.lists });
      if (approval.subjectType === 'announcement')
        void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.all });
    },
  });
}
