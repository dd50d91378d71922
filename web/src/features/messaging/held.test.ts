import type { HeldMessage } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { upsertHeld, visibleHeld } from './held.ts';

const held = (id: string, patch: Partial<HeldMessage> = {}): HeldMessage => ({
  id,
  channelId: 'c1',
  body: `held ${id}`,
  threadId: null,
  attachments: [],
  status: 'held',
  rules: ['银行卡号'],
  reviewComment: null,
  createdAt: `2026-11-20T02:00:0${id}.000Z`,
  decidedAt: null,
  clientId: null,
  ...patch,
});

describe("the sender's held messages", () => {
  it('shows waiting and rejected ones of the list, oldest first; approved ones arrived as messages', () => {
    const items = [
      held('3'),
      held('1', { status: 'rejected', reviewComment: '请勿发送卡号' }),
      held('2', { status: 'approved' }),
      held('4', { threadId: 'root' }),
    ];
    expect(visibleHeld(items, null, new Set()).map((h) => h.id)).toEqual(['1', '3']);
    expect(visibleHeld(items, 'root', new Set()).map((h) => h.id)).toEqual(['4']);
    expect(visibleHeld(items, null, new Set(['1'])).map((h) => h.id)).toEqual(['3']);
  });

  it('replaces a held message by id when its decision comes (the POST answer and the event are one)', () => {
    const once = upsertHeld([], held('1'));
    const twice = upsertHeld(once, held('1'));
    expect(twice).toHaveLength(1);
    expect(upsertHeld(twice, held('1', { status: 'approved' }))[0]!.status).toBe('approved');
  });
});
