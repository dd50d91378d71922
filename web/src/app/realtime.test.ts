import type { RealtimeEvent } from '@liaison/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  RealtimeClient,
  type RealtimeStatus,
  realtimeUrl,
  type SocketLike,
} from './realtime.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(value: unknown) {
    this.onmessage?.({ data: JSON.stringify(value) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const event = (channelId: string): RealtimeEvent => ({ type: 'channel.updated', channelId });

function setup() {
  const sockets: FakeSocket[] = [];
  const events: number[] = [];
  const statuses: RealtimeStatus[] = [];
  const calls = { resync: 0, unauthenticated: 0 };
  const client = new RealtimeClient(
    {
      url: 'ws://x/api/ws',
      random: () => 1,
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
    },
    {
      onEvent: (_e, seq) => events.push(seq),
      onResync: () => calls.resync++,
      onStatus: (s) => statuses.push(s),
      onUnauthenticated: () => calls.unauthenticated++,
    },
  );
  return { client, sockets, events, statuses, calls };
}

describe('RealtimeClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resumes from 0, then from the last processed seq after a reconnect', () => {
    const { client, sockets, events, statuses } = setup();
    client.start();
    sockets[0]!.open();
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ type: 'resume', lastSeq: 0 });
    sockets[0]!.frame({ type: 'ready', lastSeq: 10 });
    expect(statuses.at(-1)).toBe('live');
    sockets[0]!.frame({ type: 'event', seq: 11, event: event('a') });
    sockets[0]!.frame({ type: 'event', seq: 12, event: event('a') });
    sockets[0]!.drop();
    expect(statuses.at(-1)).toBe('offline');
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(JSON.parse(sockets[1]!.sent[0]!)).toEqual({ type: 'resume', lastSeq: 12 });
    // The replay may repeat what was already processed: each seq is handled once.
    sockets[1]!.frame({ type: 'event', seq: 12, event: event('a') });
    sockets[1]!.frame({ type: 'event', seq: 13, event: event('a') });
    sockets[1]!.frame({ type: 'ready', lastSeq: 13 });
    expect(events).toEqual([11, 12, 13]);
    expect(client.lastSeq).toBe(13);
  });

  it('backs off exponentially up to 30 s and starts over once connected', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9].map((a) => backoffDelay(a, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    const { client, sockets } = setup();
    client.start();
    sockets[0]!.drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    sockets[1]!.drop();
    vi.advanceTimersByTime(2_000);
    expect(sockets).toHaveLength(3);
  });

  it('asks for a reload on resync and when a first connection comes late', () => {
    const { client, sockets, calls } = setup();
    client.start();
    sockets[0]!.drop(); // the first attempt failed: state is loaded over REST meanwhile
    vi.advanceTimersByTime(1_000);
    sockets[1]!.open();
    sockets[1]!.frame({ type: 'ready', lastSeq: 5 });
    expect(calls.resync).toBe(1);
    sockets[1]!.frame({ type: 'resync', lastSeq: 50 });
    expect(calls.resync).toBe(2);
    expect(client.lastSeq).toBe(50);
  });

  it('pings while open', () => {
    const { client, sockets } = setup();
    client.start();
    sockets[0]!.open();
    vi.advanceTimersByTime(25_000);
    expect(sockets[0]!.sent).toContain('{"type":"ping"}');
  });

  it('stops on 4401 (sign in again) and 4403 (refused) instead of retrying', () => {
    const a = setup();
    a.client.start();
    a.sockets[0]!.drop(4401);
    expect(a.calls.unauthenticated).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(a.sockets).toHaveLength(1);
    const b = setup();
    b.client.start();
    b.sockets[0]!.drop(4403);
    expect(b.statuses.at(-1)).toBe('refused');
    vi.advanceTimersByTime(60_000);
    expect(b.sockets).toHaveLength(1);
  });

  it('reconnects on 4408 (too slow) and builds the URL from the page origin', () => {
    const { client, sockets } = setup();
    client.start();
    sockets[0]!.drop(4408);
    client.reconnectNow();
    expect(sockets).toHaveLength(2);
    expect(realtimeUrl({ protocol: 'https:', host: 'chat.example.com' })).toBe(
      'wss://chat.example.com/api/ws',
    );
    expect(realtimeUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/ws');
  });
});
