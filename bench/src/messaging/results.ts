import type { CpuShare } from '../cpu.ts';

/** The messaging targets: connected clients, accepted messages per second, delivery p99. */
export const TARGET = { clients: 2000, rate: 1000, p99Ms: 100 };
/** Rates tried when looking for the highest sustainable one, as multiples of BENCH_RATE. */
export const RAMP = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];

/** What a run was asked to do (the parts the report needs). */
export interface RunShape {
  clients: number;
  rate: number;
  durationS: number;
  warmupS: number;
  maxInflight: number;
}

/** One measured run against one server, summed over the client processes. */
export interface PhaseResult {
  target: string;
  rate: number;
  durationS: number;
  sent: number;
  acceptedPerS: number;
  /** Answers other than 201; requests that failed without an answer; posts not sent (backlog). */
  rejected: number;
  networkErrors: number;
  shed: number;
  errorSamples: string[];
  /** Deliveries owed for the measured accepted posts (members of their channels), and made. */
  expected: number;
  delivered: number;
  lost: number;
  /** Deliveries of posts whose POST was never answered 201 (e.g. timed out after committing). */
  unacknowledged: number;
  latency: { p50: number; p99: number; max: number };
  response: { p50: number; p99: number };
  disconnects: number;
  maxSendLagMs: number;
  clientLoopP99Ms: number;
  server: CpuShare;
  clientCores: number | null;
  /** CPU used by everything else on the machine during the window (other people's work): noise. */
  otherCores: number | null;
}

/** Sustained: ≥95 % accepted, nothing shed, rejected or lost, and p99 under the target. */
export function sustainable(r: PhaseResult): boolean {
  return (
    r.acceptedPerS >= 0.95 * r.rate &&
    r.shed === 0 &&
    r.rejected === 0 &&
    r.networkErrors === 0 &&
    r.lost === 0 &&
    r.latency.p99 < TARGET.p99Ms
  );
}

export interface RampResult {
  steps: PhaseResult[];
  /** Highest sustained rate tried, or null when even the lowest was not. */
  best: number | null;
}

/** Main-thread CPU ms per accepted message, or NaN when unknown. */
export function loopMsPerMessage(r: PhaseResult): number {
  return r.server.main === null || r.acceptedPerS === 0
    ? Number.NaN
    : (r.server.main * 1000) / r.acceptedPerS;
}
