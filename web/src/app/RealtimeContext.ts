import { createContext, useContext } from 'react';
import type { RealtimeStatus } from './realtime.ts';

export interface RealtimeState {
  status: RealtimeStatus;
  /**
   * The first connection attempt has settled (caught up, or failed): state may be loaded over REST
   * now without missing events in between.
   */
  ready: boolean;
}

export const RealtimeContext = createContext<RealtimeState>({ status: 'offline', ready: true });

export function useRealtime(): RealtimeState {
  return useContext(RealtimeContext);
}
