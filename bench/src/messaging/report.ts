import { cpus } from 'node:os';
import type { InsertLoopResult } from '../sqlite-insert.ts';
import { num, pct, printTable } from '../table.ts';
import {
  loopMsPerMessage,
  type PhaseResult,
  RAMP,
  type RampResult,
  type RunShape,
  sustainable,
  TARGET,
} from './results.ts';

/** The messaging benchmark's printed results: tables, ratios, the storage ceiling, the verdicts. */

/** One line for the progress output. */
export function oneLine(r: PhaseResult): string {
  return (
    `${num(r.acceptedPerS)} accepted/s, p99 ${num(r.latency.p99, 1)} ms, lost ${num(r.lost)}, ` +
    `errors ${num(r.rejected + r.networkErrors)}, shed ${num(r.shed)}${sustainable(r) ? '' : ' — not sustained'}`
  );
}

export function report(
  s: RunShape,
  real: PhaseResult,
  ceiling: PhaseResult,
  realRamp: RampResult | null,
  bareRamp: RampResult | null,
  sqliteFull: InsertLoopResult,
  sqliteNormal: InsertLoopResult,
): void {
  const row = (r: PhaseResult) => [
    r.target,
    num(r.rate),
    num(r.acceptedPerS),
    num(r.latency.p50, 1),
    num(r.latency.p99, 1),
    num(r.latency.max, 0),
    `${num(r.delivered)}/${num(r.expected)}`,
    num(r.lost),
    num(r.rejected + r.networkErrors),
    num(r.shed),
    num(r.response.p99, 1),
    num(loopMsPerMessage(r), 2),
    pct(r.server.main),
    pct(r.server.waited),
    num(r.server.cores, 2),
    num(r.clientCores, 2),
    num(r.otherCores, 2),
  ];
  const ratio = (a: number, b: number) =>
    Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${num(a / b, 2)}×` : 'n/a';
  console.log(
    `\nMeasured ${s.durationS} s at ${num(s.rate)} messages/s offered, after ${s.warmupS} s warm-up:\n`,
  );
  printTable(
    [
      'target',
      'offered/s',
      'accepted/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'delivered/owed',
      'lost',
      'errors',
      'shed',
      'POST p99 ms',
      'loop ms/msg',
      'server loop busy',
      'waited for CPU',
      'server cores',
      'client cores',
      'others',
    ],
    [
      row(real),
      row(ceiling),
      [
        'Liaison ÷ ceiling',
        '',
        ratio(real.acceptedPerS, ceiling.acceptedPerS),
        ratio(real.latency.p50, ceiling.latency.p50),
        ratio(real.latency.p99, ceiling.latency.p99),
        ratio(real.latency.max, ceiling.latency.max),
        '',
        '',
        '',
        '',
        ratio(real.response.p99, ceiling.response.p99),
        ratio(loopMsPerMessage(real), loopMsPerMessage(ceiling)),
      ],
    ],
  );
  console.log(`
accepted/s        201 answers that arrived inside the measured window, per second.
p50/p99/max       post-to-delivery latency over every (message, recipient) pair of the measured posts:
                  from just before the POST is sent to the recipient socket's receipt of message.created.
delivered/owed    deliveries made / owed (each measured 201's channel members); lost = owed but never
                  received within 3 s of the last one arriving.
errors, shed      non-201 answers + failed requests; posts not sent because ${s.maxInflight} per client
                  process were already unanswered (the server fell behind the timetable).
loop ms/msg       CPU time of the server's main thread (its event loop) per accepted message: what one message
                  costs the server, hardly moved by other work on the machine; the figure to compare across runs.
server loop busy  share of the window the server's main thread (its event loop) was on a CPU; 100 % = saturated.
waited for CPU    share of the window that thread was ready to run but both cores were busy (other processes,
                  the clients): machine noise, measured. Busy + waited well under 100 % with a backlog means
                  the thread was blocked (e.g. in fsync).
cores             CPU of the whole server process / of all client processes, in cores (the machine has ${cpus().length}).
others            cores used meanwhile by every other process on the machine: noise from outside the benchmark.`);
  for (const r of [real, ceiling]) {
    const notes: string[] = [];
    if (r.unacknowledged > 0) notes.push(`${num(r.unacknowledged)} deliveries of posts never answered 201`);
    if (r.disconnects > 0) notes.push(`${num(r.disconnects)} sockets closed by the server during the run`);
    if (r.errorSamples.length > 0) notes.push(`errors: ${r.errorSamples.join(' | ')}`);
    notes.push(
      `client harness: worst event-loop delay p99 ${num(r.clientLoopP99Ms, 1)} ms, worst send lag ` +
        `${num(r.maxSendLagMs, 1)} ms, POST p50 ${num(r.response.p50, 1)} ms`,
    );
    console.log(`${r.target}: ${notes.join('; ')}`);
  }

  if (realRamp || bareRamp) {
    console.log('\nHighest sustained rate (≥95 % accepted, nothing shed, rejected or lost, p99 < 100 ms):\n');
    const rows: string[][] = [];
    for (const [name, ramp, main] of [
      ['Liaison', realRamp, real],
      ['bare ws (ceiling)', bareRamp, ceiling],
    ] as const) {
      if (!ramp) continue;
      for (const r of [main, ...ramp.steps].sort((a, b) => a.rate - b.rate)) {
        rows.push([
          name,
          num(r.rate),
          `${r.durationS} s`,
          num(r.acceptedPerS),
          num(r.latency.p50, 1),
          num(r.latency.p99, 1),
          num(r.lost),
          num(r.rejected + r.networkErrors + r.shed),
          num(loopMsPerMessage(r), 2),
          pct(r.server.main),
          pct(r.server.waited),
          num(r.clientCores, 2),
          num(r.otherCores, 2),
          sustainable(r) ? 'yes' : 'no',
        ]);
      }
    }
    printTable(
      [
        'target',
        'offered/s',
        'measured',
        'accepted/s',
        'p50 ms',
        'p99 ms',
        'lost',
        'err+shed',
        'loop ms/msg',
        'server loop busy',
        'waited for CPU',
        'client cores',
        'others',
        'sustained',
      ],
      rows,
    );
    const best = (r: RampResult | null) => r?.best ?? null;
    const rb = best(realRamp);
    const cb = best(bareRamp);
    const top = (r: RampResult | null) =>
      r && r.best !== null && r.best >= RAMP.at(-1)! * s.rate ? ' (the highest step tried)' : '';
    console.log(
      `\nhighest sustained: Liaison ${rb === null ? `< ${num(RAMP[0]! * s.rate)}` : num(rb)} msg/s${top(realRamp)}, ` +
        `bare ws ${cb === null ? `< ${num(RAMP[0]! * s.rate)}` : num(cb)} msg/s${top(bareRamp)}` +
        (rb !== null && cb !== null ? ` → ratio ${num(rb / cb, 2)}` : '') +
        '. On 2 shared cores the ceiling is bounded by the client processes too (see client cores).',
    );
  }

  const fullCostMs = sqliteFull.meanMs;
  console.log('\nBare node:sqlite insert loop (one row per transaction, WAL), the storage ceiling:\n');
  printTable(
    ['synchronous', 'inserts/s', 'mean ms/txn', 'p99 ms/txn'],
    [sqliteFull, sqliteNormal].map((r) => [
      r.synchronous,
      num(r.perSecond),
      num(r.meanMs, 3),
      num(r.p99Ms, 3),
    ]),
  );
  console.log(
    `FULL costs ${num(fullCostMs - sqliteNormal.meanMs, 3)} ms more per bare commit than NORMAL (an fsync of ` +
      `the WAL). node:sqlite is synchronous: the server's event loop stops for every commit, so at ${num(s.rate)} ` +
      `msg/s with one commit per message it would spend at least ${pct((fullCostMs * s.rate) / 1000)} of its ` +
      `time committing (more in practice: a post's commit writes many more pages than this one-row insert; ` +
      `npm run queries -w bench times it). Liaison accepted ${pct(real.acceptedPerS / sqliteFull.perSecond, 1)} ` +
      `of the bare FULL insert rate.`,
  );

  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  const clientsOk = s.clients >= TARGET.clients && real.disconnects === 0;
  const rateOk = s.rate >= TARGET.rate && real.acceptedPerS >= 0.95 * TARGET.rate && real.shed === 0;
  const p99Ok = real.latency.p99 < TARGET.p99Ms && real.lost === 0;
  console.log('\nTargets (Liaison, this run):');
  const verdicts: [string, boolean, string][] = [
    [
      `${num(TARGET.clients)} connected clients`,
      clientsOk,
      `${num(s.clients)} connected${real.disconnects ? `, ${real.disconnects} dropped` : ''}`,
    ],
    [
      `${num(TARGET.rate)} messages/s`,
      rateOk,
      `${num(real.acceptedPerS)}/s accepted of ${num(s.rate)}/s offered${real.shed ? `, ${num(real.shed)} shed` : ''}`,
    ],
    [
      `p99 below ${TARGET.p99Ms} ms`,
      p99Ok,
      `p99 ${num(real.latency.p99, 1)} ms, ${num(real.lost)} deliveries lost`,
    ],
  ];
  for (const [what, ok, detail] of verdicts)
    console.log(`  ${what.padEnd(22)} ${met(ok).padEnd(7)}  (${detail})`);
  if (s.clients < TARGET.clients || s.rate < TARGET.rate) {
    console.log(
      '  (this run used less than the target load; the verdicts above do not apply to the targets)',
    );
  }
}
