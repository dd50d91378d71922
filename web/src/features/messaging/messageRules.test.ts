import { describe, expect, it } from 'vitest';
import { canPinIn, messageRights } from './messageRules.ts';
import { message } from './testMessages.ts';

const member = { archivedAt: null, canPost: true, canManage: false };
const owner = { archivedAt: null, canPost: true, canManage: true };
const archived = { archivedAt: '2026-11-01T00:00:00Z', canPost: false, canManage: true };
const mine = message({ seq: 1 });
const theirs = message({ seq: 2, author: { id: 'u2', username: 'liu.yang', displayName: '刘洋' } });

describe('messageRights', () => {
  it('lets the author edit and withdraw, and members reply and pin', () => {
    expect(messageRights(member, mine, 'u1', 'timeline')).toEqual({
      reply: true,
      edit: true,
      recall: true,
      pin: true,
      moderate: false,
      copy: true,
    });
    expect(messageRights(member, theirs, 'u1', 'timeline')).toMatchObject({ edit: false, recall: false });
  });

  it('lets those who run the channel moderate others, never themselves', () => {
    expect(messageRights(owner, theirs, 'u1', 'timeline').moderate).toBe(true);
    expect(messageRights(owner, mine, 'u1', 'timeline').moderate).toBe(false);
  });

  it('offers no changes at all in an archived channel', () => {
    const rights = messageRights(archived, mine, 'u1', 'timeline');
    expect(rights).toEqual({
      reply: false,
      edit: false,
      recall: false,
      pin: false,
      moderate: false,
      copy: true,
    });
    expect(messageRights(archived, theirs, 'u1', 'timeline').moderate).toBe(false);
    expect(canPinIn(archived)).toBe(false);
  });

  it('leaves pinning in the all-hands group to those who may post or run it', () => {
    const reader = { archivedAt: null, canPost: false, canManage: false };
    expect(messageRights(reader, theirs, 'u1', 'timeline').pin).toBe(false);
    expect(canPinIn(reader)).toBe(false);
    expect(canPinIn({ ...reader, canManage: true })).toBe(true);
  });

  it('does not offer to copy a message of files alone, nor act on a withdrawn one', () => {
    expect(messageRights(member, message({ seq: 3, body: '' }), 'u1', 'timeline').copy).toBe(false);
    const gone = messageRights(
      member,
      message({ seq: 4, deletedAt: '2026-11-20T03:00:00Z' }),
      'u1',
      'timeline',
    );
    expect(Object.values(gone).some(Boolean)).toBe(false);
  });
});
