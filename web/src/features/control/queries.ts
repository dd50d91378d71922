import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listControlEvents, listDetectors, listPolicies } from '../../api/control.ts';
import { listCounterparties } from '../../api/counterparties.ts';
import { queryKeys } from '../../api/keys.ts';

export function useDetectors(enabled = true) {
  const query = useQuery({
    queryKey: queryKeys.control.detectors,
    queryFn: listDetectors,
    select: (data) => data.items,
    enabled,
  });
  /** Custom detector id → name, to name the detectors a rule refers to. */
  const names = useMemo(() => new Map((query.data ?? []).map((d) => [d.id, d.name])), [query.data]);
  return { ...query, names };
}

export function usePolicies() {
  return useQuery({
    queryKey: queryKeys.control.policies,
    queryFn: listPolicies,
    select: (data) => data.items,
  });
}

export function useCounterparties(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.counterparties,
    queryFn: listCounterparties,
    select: (data) => data.items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Held messages waiting for a decision, for the menu badge: one count query, refreshed each minute. */
export function usePendingReviewCount(enabled: boolean): number {
  const query = useQuery({
    queryKey: queryKeys.control.pendingCount,
    queryFn: () => listControlEvents({ status: 'pending' }, 1, 1),
    select: (data) => data.total,
    enabled,
    refetchInterval: 60_000,
    meta: { silent: true },
  });
  return query.data ?? 0;
}
