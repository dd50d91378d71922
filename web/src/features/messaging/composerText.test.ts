import type { ChannelMember } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { applyMention, matchesEveryone, mentionCandidates, mentionQueryAt } from './composerText.ts';

const member = (id: string, username: string, displayName: string): ChannelMember => ({
  user: { id, username, displayName },
  kind: 'employee',
  title: null,
  organisation: null,
  role: 'member',
  via: 'department',
});
const members = [
  member('u1', 'chen.jing', '陈静'),
  member('u2', 'liu.yang', '刘洋'),
  member('u3', 'yang.fan', '杨帆'),
];

describe('mentionQueryAt', () => {
  it('finds the @word being typed at the caret', () => {
    expect(mentionQueryAt('你好 @li', 6)).toEqual({ start: 3, query: 'li' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('请@刘', 3)).toEqual({ start: 1, query: '刘' });
  });

  it('ignores e-mail addresses, finished words and text after a space', () => {
    expect(mentionQueryAt('a@b.com', 7)).toBeNull();
    expect(mentionQueryAt('x+y@b', 5)).toBeNull();
    expect(mentionQueryAt('@liu.yang 你好', 12)).toBeNull();
    expect(mentionQueryAt('no mention', 10)).toBeNull();
  });
});

describe('applyMention', () => {
  it('replaces the typed query with the username and a space, caret after it', () => {
    const text = '你好 @li，明天见';
    const result = applyMention(text, { start: 3, query: 'li' }, 6, 'liu.yang');
    expect(result.text).toBe('你好 @liu.yang ，明天见');
    expect(result.caret).toBe('你好 @liu.yang '.length);
  });

  it('keeps a mention right after a Chinese character, as Chinese is written (请@刘洋)', () => {
    expect(applyMention('请@刘看一下', { start: 1, query: '刘' }, 3, 'liu.yang').text).toBe(
      '请@liu.yang 看一下',
    );
  });
});

describe('mentionCandidates', () => {
  it('matches names and usernames, prefix matches first, never oneself', () => {
    expect(mentionCandidates(members, 'yang', 'u1').map((m) => m.user.username)).toEqual([
      'yang.fan',
      'liu.yang',
    ]);
    expect(mentionCandidates(members, '刘', 'u1').map((m) => m.user.username)).toEqual(['liu.yang']);
    expect(mentionCandidates(members, '', 'u1').map((m) => m.user.id)).not.toContain('u1');
  });

  it('offers @所有人 for its words', () => {
    expect(matchesEveryone('所', ['所有人', 'all'])).toBe(true);
    expect(matchesEveryone('al', ['所有人', 'all'])).toBe(true);
    expect(matchesEveryone('liu', ['所有人', 'all'])).toBe(false);
  });
});
