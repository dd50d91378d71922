import { useQuery } from '@tanstack/react-query';
import { listTokens } from '../../api/auth.ts';
import { queryKeys } from '../../api/keys.ts';
import { useCan } from '../../app/session.ts';

/**
 * How many API tokens the signed-in person holds (0 without `token.manage`): logging out everywhere
 * and changing the password revoke them all, and the confirmation says how many scripts that stops.
 */
export function useTokenCount(): number {
  const allowed = useCan();
  const tokens = useQuery({
    queryKey: queryKeys.tokens,
    queryFn: listTokens,
    enabled: allowed('token.manage'),
    select: (data) => data.items.length,
  });
  return tokens.data ?? 0;
}
