import type { QueryKey } from '@tanstack/react-query';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { queryKeys } from '../api/keys.ts';
import { errorText } from './errors.ts';
import { notifyError } from './notify.ts';

let onSessionEnded: () => void = () => {};

/** The router registers how to get to the login page; the cache only knows that it must. */
export function setSessionEndedHandler(handler: () => void): void {
  onSessionEnded = handler;
}

function isMeKey(key: QueryKey | undefined): boolean {
  return key?.[0] === queryKeys.me[0];
}

function handleError(error: unknown, key?: QueryKey, silent = false): void {
  if (!(error instanceof ApiError)) return;
  if (error.code === 'unauthenticated') {
    // The guard turns a failed /me into a redirect itself; any other 401 means the session died.
    if (!isMeKey(key)) onSessionEnded();
    return;
  }
  if (error.code === 'password_change_required') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    return;
  }
  // Screens that show a failure in place (a channel one left, say) mark their query `silent`.
  if (key && !isMeKey(key) && !silent) notifyError(errorText(error));
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => handleError(error, query.queryKey, query.meta?.silent === true),
  }),
  mutationCache: new MutationCache({ onError: (error) => handleError(error) }),
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
