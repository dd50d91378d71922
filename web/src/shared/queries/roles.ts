import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/keys.ts';
import { listRoles } from '../../api/roles.ts';

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: queryKeys.roles,
    queryFn: listRoles,
    select: (data) => data.items,
    staleTime: 60_000,
    enabled,
  });
}
