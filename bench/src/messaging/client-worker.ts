import { Agent, request } from 'node:http';
import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { chatMessage, Rng } from '../chat-text.ts';
import {
  type ClientSpec,
  type CollectResult,
  type Command,
  type ConnectResult,
  type LoopDelay,
  marker,
  nowMs,
  nowUs,
  type PosterSpec,
  type PostResult,
  parseMarker,
  type Reply,
  type Request,
} from './protocol.ts';

/**
 * One client process of the messaging benchmark (forked by the coordinator; several run side by
 * side). It holds a share of the WebSocket clients, each a user connected the way the web client
 * connects, and a share of the posters, which POST messages on a fixed timetable (open loop: a
 * slow server does not slow the offered rate down, so its latency is not hidden).
 *
 * Each message carries its send time in its body, so whichever process receives it computes the
 * post-to-delivery latency on the host's shared monotonic clock, without asking anyone.
 */

const workerIndex = Number(process.env.BENCH_WORKER_INDEX ?? 0);

// --- receiving --------------------------------------------------------------------------------

let sockets: WebSocket[] = [];
/** The run whose measured deliveries are being recorded. */
let phase = '';
let latencies = new Float64Array(1 << 16);
let latencyCount = 0;
let received = new Map<string, number>();
let disconnects = 0;
let loop: ELDHistogram | null = null;

function record(latencyUs: number): void {
  if (latencyCount === latencies.length) {
    const grown = new Float64Array(latencies.length * 2);
    grown.set(latencies);
    latencies = grown;
  }
  latencies[latencyCount++] = latencyUs;
}

function onFrame(data: WebSocket.RawData): void {
  // The receive time first: parsing is part of what a client does after the frame arrived.
  const at = nowUs();
  const frame = JSON.parse(data.toString()) as {
    type: string;
    event?: { type: string; message?: { body: string } };
  };
  if (frame.type !== 'event' || frame.event?.type !== 'message.created' || !frame.event.message) return;
  const m = parseMarker(frame.event.message.body);
  if (!m || m.phase !== phase || !m.measured) return;
  record(at - m.sentUs);
  received.set(m.key, (received.get(m.key) ?? 0) + 1);
}

function connectOne(wsUrl: string, client: ClientSpec): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, {
      headers: { authorization: `Bearer ${client.token}` },
      perMessageDeflate: false,
    });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no ready frame within 60 s'));
    }, 60_000);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('close', (code, reason) => {
      clearTimeout(timer);
      reject(new Error(`closed before ready: ${code} ${reason.toString()}`));
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'resume', lastSeq: 0 })));
    // The first frame of a fresh client is `ready`; after it, every frame is an event.
    socket.once('message', (data) => {
      clearTimeout(timer);
      const frame = JSON.parse(data.toString()) as { type: string };
      if (frame.type !== 'ready') {
        socket.terminate();
        reject(new Error(`expected ready, got ${frame.type}`));
        return;
      }
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      socket.on('close', () => {
        disconnects += 1;
      });
      socket.on('message', onFrame);
      resolve(socket);
    });
  });
}

async function connect(wsUrl: string, clients: ClientSpec[], concurrency: number): Promise<ConnectResult> {
  const started = nowMs();
  const errorSamples: string[] = [];
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < clients.length) {
      const client = clients[next++]!;
      try {
        sockets.push(await connectOne(wsUrl, client));
      } catch (err) {
        failed += 1;
        if (errorSamples.length < 5) errorSamples.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, lane));
  disconnects = 0;
  return { connected: sockets.length, failed, errorSamples, ms: nowMs() - started };
}

async function disconnect(): Promise<void> {
  const closing = sockets.map(
    (s) =>
      new Promise<void>((resolve) => {
        if (s.readyState === WebSocket.CLOSED) return resolve();
        s.once('close', () => resolve());
        s.close();
        setTimeout(() => {
          s.terminate();
          resolve();
        }, 5_000).unref();
      }),
  );
  await Promise.all(closing);
  sockets = [];
}

// --- posting ----------------------------------------------------------------------------------

function post(command: Extract<Command, { op: 'post' }>): Promise<PostResult> {
  const { baseUrl, posters, ratePerS, startAtMs, warmupS, durationS, maxInflight, seed } = command;
  // Start recording this run's deliveries.
  phase = command.phase;
  latencyCount = 0;
  received = new Map();
  disconnects = 0;
  loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();

  const rng = new Rng(seed);
  const agent = new Agent({ keepAlive: true, maxSockets: maxInflight });
  const intervalMs = 1000 / ratePerS;
  const windowStart = startAtMs + warmupS * 1000;
  const endAt = windowStart + durationS * 1000;
  const keys: string[] = [];
  const channelIds: string[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let responseUs = new Float64Array(1 << 14);
  let responses = 0;
  let sent = 0;
  let shed = 0;
  let inflight = 0;
  let networkErrors = 0;
  let acceptedInWindow = 0;
  let maxSendLagMs = 0;
  let n = 0;
  let scheduling = true;

  return new Promise((resolve) => {
    const finish = () => {
      if (scheduling || inflight > 0) return;
      agent.destroy();
      resolve({
        sent,
        keys,
        channelIds,
        acceptedInWindow,
        statuses,
        networkErrors,
        errorSamples,
        shed,
        responseUs: responseUs.slice(0, responses),
        maxSendLagMs,
        loopDelay: loopDelay(loop),
      });
    };

    const send = (poster: PosterSpec, measured: boolean, key: string) => {
      inflight += 1;
      sent += 1;
      const text = chatMessage(rng);
      const t0 = nowUs();
      const payload = JSON.stringify({
        body: `${text} ${marker(command.phase, measured, key, t0)}`,
        clientId: `${command.phase}-${key}`,
      });
      const done = () => {
        inflight -= 1;
        finish();
      };
      const req = request(
        `${baseUrl}/api/channels/${poster.channelId}/messages`,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${poster.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const t1 = nowUs();
            const at = t1 / 1000;
            if (res.statusCode === 201) {
              if (at >= windowStart && at < endAt) acceptedInWindow += 1;
              if (measured) {
                keys.push(key);
                channelIds.push(poster.channelId);
                if (responses === responseUs.length) {
                  const grown = new Float64Array(responseUs.length * 2);
                  grown.set(responseUs);
                  responseUs = grown;
                }
                responseUs[responses++] = t1 - t0;
              }
            } else {
              const code = String(res.statusCode);
              statuses[code] = (statuses[code] ?? 0) + 1;
              if (errorSamples.length < 5)
                errorSamples.push(`HTTP ${code}: ${Buffer.concat(chunks).toString().slice(0, 200)}`);
            }
            done();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', (err) => {
        networkErrors += 1;
        if (errorSamples.length < 5) errorSamples.push(err.message);
        done();
      });
      req.end(payload);
    };

    // Sends every post whose time has come, then sleeps until the next one is due.
    const tick = () => {
      const now = nowMs();
      for (;;) {
        const due = startAtMs + n * intervalMs;
        if (due >= endAt) {
          scheduling = false;
          finish();
          return;
        }
        if (due > now) break;
        maxSendLagMs = Math.max(maxSendLagMs, now - due);
        const key = `${workerIndex}.${n}`;
        n += 1;
        if (inflight >= maxInflight) {
          shed += 1;
          continue;
        }
        send(rng.pick(posters), due >= windowStart, key);
      }
      setTimeout(tick, Math.max(0, Math.min(startAtMs + n * intervalMs - now, 50)));
    };
    setTimeout(tick, Math.max(0, startAtMs - nowMs()));
  });
}

function collect(): CollectResult {
  const result: CollectResult = {
    latencyUs: latencies.slice(0, latencyCount),
    received: [...received],
    disconnects,
    loopDelay: loopDelay(loop),
  };
  loop?.disable();
  loop = null;
  phase = '';
  return result;
}

function loopDelay(h: ELDHistogram | null): LoopDelay {
  if (!h || h.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  return { p50Ms: h.percentile(50) / 1e6, p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 };
}

// --- IPC --------------------------------------------------------------------------------------

async function handle(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'connect':
      return connect(command.wsUrl, command.clients, command.concurrency);
    case 'disconnect':
      return disconnect();
    case 'post':
      return post(command);
    case 'progress':
      return { received: command.phase === phase ? latencyCount : 0 };
    case 'collect':
      return collect();
  }
}

process.on('message', (message: Request) => {
  handle(message.command).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies Reply),
    (err: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: String((err as Error)?.stack ?? err),
      } satisfies Reply),
  );
});
// The coordinator going away (even killed hard) must not leave this process behind.
process.once('disconnect', () => process.exit(0));
