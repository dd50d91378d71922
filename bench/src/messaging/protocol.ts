/**
 * What the messaging benchmark's coordinator and its client processes say to each other over IPC
 * (`serialization: 'advanced'`, so typed arrays travel as they are). Every command gets exactly
 * one reply with the same id.
 */

/** A connected user: one WebSocket, authenticated with the user's personal API token. */
export interface ClientSpec {
  userId: string;
  token: string;
}

/** A user who posts, into the one group conversation they post to. */
export interface PosterSpec {
  userId: string;
  token: string;
  channelId: string;
}

export type Command =
  | { op: 'connect'; wsUrl: string; clients: ClientSpec[]; concurrency: number }
  | { op: 'disconnect' }
  | {
      op: 'post';
      /** Names the run; frames of other runs are ignored. No spaces. */
      phase: string;
      baseUrl: string;
      posters: PosterSpec[];
      /** This process's share of the aggregate rate. */
      ratePerS: number;
      /** When to send the first post, in `nowMs()` time (shared by all processes on the host). */
      startAtMs: number;
      warmupS: number;
      durationS: number;
      /** Posts waiting for an answer beyond this are not sent (counted as shed). */
      maxInflight: number;
      seed: number;
    }
  | { op: 'progress'; phase: string }
  | { op: 'collect'; phase: string };

export interface Request {
  id: number;
  command: Command;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface ConnectResult {
  connected: number;
  failed: number;
  errorSamples: string[];
  ms: number;
}

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The posting side of one run, once every answer is in. */
export interface PostResult {
  /** Posts sent (warm-up and measured). */
  sent: number;
  /** Measured posts answered 201: their keys and channels, to count the deliveries owed. */
  keys: string[];
  channelIds: string[];
  /** 201s whose answer arrived inside the measured window, whatever their send time: throughput. */
  acceptedInWindow: number;
  /** Answers other than 201, by status. */
  statuses: Record<string, number>;
  /** Requests that failed without an answer (connection reset, timeout). */
  networkErrors: number;
  errorSamples: string[];
  /** Posts not sent because `maxInflight` were already waiting: the server was not keeping up. */
  shed: number;
  /** Time from send to the 201, µs, for measured posts. */
  responseUs: Float64Array;
  /** How late the sender was against its timetable at worst (its own event loop, or shedding). */
  maxSendLagMs: number;
  loopDelay: LoopDelay;
}

/** The receiving side of one run. */
export interface CollectResult {
  /** Post-to-delivery latency of every measured delivery, µs. */
  latencyUs: Float64Array;
  /** Deliveries per measured post key. */
  received: [string, number][];
  /** Sockets that closed during the run (the server drops clients that fall too far behind). */
  disconnects: number;
  loopDelay: LoopDelay;
}

/** A monotonic clock shared by every process on the host (CLOCK_MONOTONIC), in ms. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The same clock in whole µs, for embedding in message bodies. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** The marker appended to every benchmark message: who sent it, when, in which run. */
export function marker(phase: string, measured: boolean, key: string, sentUs: number): string {
  return `[bench ${phase} ${measured ? 'm' : 'w'} ${key} ${sentUs}]`;
}

const MARKER = /\[bench (\S+) ([mw]) (\S+) (\d+)\]$/;

export function parseMarker(
  body: string,
): { phase: string; measured: boolean; key: string; sentUs: number } | null {
  const m = MARKER.exec(body);
  return m ? { phase: m[1]!, measured: m[2] === 'm', key: m[3]!, sentUs: Number(m[4]) } : null;
}
