import { can } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { listChannels } from '../../api/channels.ts';
import { queryKeys } from '../../api/keys.ts';
import { useRealtime } from '../../app/RealtimeContext.ts';
import { useMe } from '../../app/session.ts';

/**
 * The reader's channels. Waits for the live connection's first `ready` so no event falls between
 * the list and the stream; while the connection is down, polls instead.
 */
export function useChannels() {
  const me = useMe();
  const { ready, status } = useRealtime();
  return useQuery({
    queryKey: queryKeys.channels.list,
    queryFn: () => listChannels(true),
    select: (data) => data.items,
    enabled: ready && can(me.grants, 'message.use'),
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: status === 'live' ? false : 30_000,
  });
}

/**
 * Every channel of the company for a compliance officer (GET /api/channels?scope=all, which needs
 * message.audit), archived ones included; without that permission, the reader's own channels.
 */
export function useCompanyChannels() {
  const me = useMe();
  const audit = can(me.grants, 'message.audit');
  const company = useQuery({
    queryKey: queryKeys.channels.company,
    queryFn: () => listChannels(true, 'all'),
    select: (data) => data.items,
    enabled: audit,
    staleTime: 60_000,
  });
  const own = useChannels();
  return audit ? company : own;
}
