import type { Channel } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { message } from './testMessages.ts';
import {
  applyNewMessage,
  applyRead,
  flattenTimeline,
  isAtLatest,
  nextParam,
  PAGE_SIZE,
  type Timeline,
  type TimelinePage,
  upsertMessage,
} from './timelineCache.ts';

const page = (seqs: number[], extra: Partial<TimelinePage> = {}): TimelinePage => ({
  items: seqs.map((seq) => message({ seq })),
  nextBefore: null,
  hasMore: false,
  ...extra,
});

describe('timeline pages', () => {
  const latest: Timeline = { pages: [page([1, 2]), page([3, 4])], pageParams: [{ before: 3 }, {}] };
  const around: Timeline = { pages: [page([5, 6])], pageParams: [{ before: 7 }] };

  it('knows when the newest messages are loaded', () => {
    expect(isAtLatest(latest)).toBe(true);
    expect(isAtLatest(around)).toBe(false);
    expect(
      isAtLatest({
        pages: [page([5, 6]), page([7])],
        pageParams: [{ before: 7 }, { after: 6 }],
      }),
    ).toBe(true);
    expect(
      isAtLatest({
        pages: [page([5, 6]), page([7], { hasMore: true })],
        pageParams: [{ before: 7 }, { after: 6 }],
      }),
    ).toBe(false);
  });

  it('chains forward pages from a deep link while the server says more follow', () => {
    expect(nextParam(page([5, 6], { hasMore: true, nextBefore: 5 }), { before: 7 })).toEqual({ after: 6 });
    expect(nextParam(page([]), { before: 7 })).toEqual({ after: 6 });
    expect(nextParam(page([7, 8], { hasMore: true }), { after: 6 })).toEqual({ after: 8 });
    expect(nextParam(page([7]), {})).toBeUndefined();
  });

  it('trusts hasMore over the page size (a full forward page may be the last one)', () => {
    const full = Array.from({ length: PAGE_SIZE }, (_, i) => i + 10);
    expect(nextParam(page(full), { after: 9 })).toBeUndefined();
    expect(nextParam(page([11], { hasMore: true }), { after: 10 })).toEqual({ after: 11 });
  });

  it('replaces a known message in place and appends a new one only at the latest', () => {
    const edited = message({ seq: 2, body: 'edited' });
    expect(flattenTimeline(upsertMessage(latest, edited, false)).find((m) => m.seq === 2)?.body).toBe(
      'edited',
    );
    expect(flattenTimeline(upsertMessage(latest, message({ seq: 9 }), true)).map((m) => m.seq)).toEqual([
      1, 2, 3, 4, 9,
    ]);
    expect(upsertMessage(around, message({ seq: 9 }), true)).toBe(around);
    expect(upsertMessage(latest, message({ seq: 9 }), false)).toBe(latest);
  });

  it('does not duplicate a message delivered twice (event and POST answer)', () => {
    const once = upsertMessage(latest, message({ seq: 9 }), true);
    const twice = upsertMessage(once, message({ seq: 9 }), true);
    expect(flattenTimeline(twice).map((m) => m.seq)).toEqual([1, 2, 3, 4, 9]);
  });
});

describe('channel counts', () => {
  const base = {
    kind: 'department',
    name: 'x',
    topic: null,
    owner: null,
    department: null,
    team: null,
    counterparty: null,
    archivedAt: null,
    memberCount: 3,
    oneToOne: false,
    isMember: true,
    canPost: true,
    canManage: false,
    lastMessageAt: null,
    createdAt: '2026-01-01T00:00:00Z',
  } as const;
  const channels: Channel[] = [
    { ...base, id: 'c1', unreadCount: 1, mentionCount: 0, lastReadSeq: 4, lastMessageSeq: 5 },
    { ...base, id: 'c2', unreadCount: 0, mentionCount: 0, lastReadSeq: 2, lastMessageSeq: 2 },
  ];

  it('counts a new message from someone else, and a mention of the reader', () => {
    const next = applyNewMessage(channels, message({ seq: 6, mentions: ['me'] }), 'me')!;
    expect(next[0]).toMatchObject({ unreadCount: 2, mentionCount: 1, lastMessageSeq: 6 });
    expect(next[1]).toBe(channels[1]);
  });

  it('treats one’s own message as read', () => {
    const mine = message({ seq: 6, author: { id: 'me', username: 'me', displayName: '我' } });
    expect(applyNewMessage(channels, mine, 'me')![0]).toMatchObject({ unreadCount: 0, lastReadSeq: 6 });
  });

  it('asks for a refetch when the channel is unknown', () => {
    expect(applyNewMessage(channels, message({ seq: 1, channelId: 'new' }), 'me')).toBeNull();
  });

  it('clears counts when read, never moving the position back', () => {
    const read = applyRead([{ ...channels[0]!, mentionCount: 2 }], 'c1', 5);
    expect(read[0]).toMatchObject({ unreadCount: 0, mentionCount: 0, lastReadSeq: 5 });
    expect(applyRead(channels, 'c1', 1)[0]).toMatchObject({ lastReadSeq: 4, unreadCount: 1 });
  });
});
