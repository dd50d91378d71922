import type { HeldMessage, Message, PolicyRefusal, PostMessageRequest } from '@liaison/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.ts';
import type { PostOutcome } from '../../api/messages.ts';
import { draftKey, takeReturned } from './drafts.ts';
import {
  cancelMessage,
  confirmMessage,
  type PendingMessage,
  sendMessage,
  setOutboxHandlers,
} from './outbox.ts';
import { message } from './testMessages.ts';

const post = vi.hoisted(() => vi.fn<(channelId: string, body: PostMessageRequest) => Promise<PostOutcome>>());
vi.mock('../../api/messages.ts', () => ({ postMessage: post }));

// usePending outside a component: the store's current snapshot, as a render would read it.
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useSyncExternalStore: (_subscribe: unknown, snapshot: () => PendingMessage[]) => snapshot(),
}));
const { usePending } = await import('./outbox.ts');
const pendingIn = (channelId: string) => usePending(channelId, null);

const warning: PolicyRefusal = {
  action: 'warn',
  requireJustification: true,
  rules: [
    {
      policyId: '0190a6f0-0000-7000-8000-000000000001',
      policyName: '机密信息外发管控',
      ruleId: '0190a6f0-0000-7000-8000-000000000002',
      ruleName: '机密关键词',
      action: 'warn',
      test: false,
      kinds: [{ detector: 'd1', name: '机密关键词', count: 1, confidence: 1 }],
    },
  ],
};
const refused = (code: 'policy_confirmation_required' | 'policy_blocked', details: PolicyRefusal) =>
  new ApiError(code, 'refused', code === 'policy_blocked' ? 422 : 409, details);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('posts a communication policy stops', () => {
  const sent: Message[] = [];
  const held: HeldMessage[] = [];
  beforeEach(() => {
    post.mockReset();
    sent.length = 0;
    held.length = 0;
    setOutboxHandlers({ sent: (m) => sent.push(m), held: (h) => held.push(h) });
  });

  it('waits for the sender at a warning, then sends the same post confirmed with the reason', async () => {
    post.mockRejectedValueOnce(refused('policy_confirmation_required', warning));
    sendMessage({ channelId: 'w1', threadId: null, body: '投标底价', attachments: [] });
    await settle();
    const [waiting] = pendingIn('w1');
    expect(waiting).toMatchObject({ status: 'confirm', refusal: warning, error: null });

    post.mockResolvedValueOnce({ kind: 'created', message: message({ seq: 7, body: '投标底价' }) });
    confirmMessage(waiting!.localId, ' 客户已签保密协议 ');
    await settle();
    const [first, second] = post.mock.calls.map((call) => call[1]);
    expect(second).toMatchObject({
      confirm: true,
      justification: '客户已签保密协议',
      clientId: first!.clientId,
    });
    expect(first).not.toHaveProperty('confirm');
    expect(sent.map((m) => m.seq)).toEqual([7]);
    expect(pendingIn('w1')).toEqual([]);
  });

  it('hands a cancelled message back to its composer', async () => {
    post.mockRejectedValueOnce(refused('policy_confirmation_required', warning));
    sendMessage({ channelId: 'w2', threadId: null, body: '底价表', attachments: [] });
    await settle();
    cancelMessage(pendingIn('w2')[0]!.localId);
    expect(pendingIn('w2')).toEqual([]);
    expect(takeReturned(draftKey('w2', null))).toEqual({ body: '底价表', attachments: [], refusal: null });
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('returns a blocked message to the composer with the rules that refused it', async () => {
    const block = { ...warning, action: 'block' as const, requireJustification: false };
    post.mockRejectedValueOnce(refused('policy_blocked', block));
    sendMessage({ channelId: 'b1', threadId: 't1', body: '身份证 110101199003074514', attachments: [] });
    await settle();
    expect(pendingIn('b1')).toEqual([]);
    expect(takeReturned(draftKey('b1', 't1'))).toEqual({
      body: '身份证 110101199003074514',
      attachments: [],
      refusal: block,
    });
  });

  it('passes a held message on as held, not as sent', async () => {
    const heldMessage = { id: 'h1', channelId: 'h', status: 'held' } as HeldMessage;
    post.mockResolvedValueOnce({ kind: 'held', held: heldMessage });
    sendMessage({ channelId: 'h', threadId: null, body: '银行卡 6222021234567890128', attachments: [] });
    await settle();
    expect(held).toEqual([heldMessage]);
    expect(sent).toEqual([]);
    expect(pendingIn('h')).toEqual([]);
  });
});
