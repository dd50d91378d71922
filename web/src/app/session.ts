import type { Me, Permission } from '@liaison/contracts';
import { can } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { useNavigate } from 'react-router';
import { fetchMe, logout } from '../api/auth.ts';
import { setCsrfToken } from '../api/client.ts';
import { queryKeys } from '../api/keys.ts';

export async function loadMe(): Promise<Me> {
  const me = await fetchMe();
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMeQuery() {
  return useQuery({ queryKey: queryKeys.me, queryFn: loadMe, retry: false, staleTime: 60_000 });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only valid below the RequireAuth guard. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in area');
  return me;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return useCallback((permission: Permission) => can(me.grants, permission), [me]);
}

/** Signs out and leaves for the sign-in page, even if the server already forgot the session. */
export function useSignOut() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Nothing of the session may stay in memory.
      setCsrfToken(null);
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });
}
