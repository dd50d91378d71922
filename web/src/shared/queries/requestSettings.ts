import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/keys.ts';
import { getRequestSettings } from '../../api/requests.ts';

/** The first-response hours (the SLA), shown wherever a deadline is explained. */
export function useRequestSettings(enabled = true) {
  return useQuery({
    queryKey: queryKeys.requests.settings,
    queryFn: getRequestSettings,
    enabled,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}
