import type { Attachment } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { notYetDelivered, type PendingMessage } from './outbox.ts';
import { message } from './testMessages.ts';

const file = (id: string): Attachment => ({
  id,
  fileName: `${id}.pdf`,
  contentType: 'application/pdf',
  size: 1,
});
const me = { id: 'u1', username: 'chen.jing', displayName: '陈静' };

const pending = (body: string, attachments: Attachment[] = []): PendingMessage => ({
  localId: `l-${body}-${attachments.length}`,
  clientId: 'c',
  channelId: 'c1',
  threadId: null,
  body,
  attachments,
  status: 'sending',
  error: null,
  refusal: null,
  confirmed: null,
  createdAt: '2026-11-20T02:00:00.000Z',
});

describe('notYetDelivered', () => {
  it('hides a pending message once the server delivered the same text', () => {
    const loaded = [message({ seq: 1, body: '你好', author: me })];
    expect(notYetDelivered([pending('你好'), pending('再见')], loaded, 'u1').map((p) => p.body)).toEqual([
      '再见',
    ]);
  });

  it('tells messages of files alone apart by their files, not their (empty) text', () => {
    const loaded = [message({ seq: 1, body: '', attachments: [file('a')], author: me })];
    const shown = notYetDelivered([pending('', [file('a')]), pending('', [file('b')])], loaded, 'u1');
    expect(shown.map((p) => p.attachments[0]!.id)).toEqual(['b']);
  });
});
