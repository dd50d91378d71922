import type { Channel } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { groupChannels, titleWithUnread, totalUnread } from './channelGroups.ts';

const channel = (partial: Partial<Channel> & { id: string; kind: Channel['kind'] }): Channel => ({
  name: partial.id,
  topic: null,
  owner: null,
  department: null,
  team: null,
  counterparty: null,
  archivedAt: null,
  oneToOne: false,
  memberCount: 2,
  isMember: true,
  canPost: true,
  canManage: false,
  unreadCount: 0,
  mentionCount: 0,
  lastReadSeq: 0,
  lastMessageSeq: 0,
  lastMessageAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...partial,
});

const channels = [
  channel({ id: 'dm', kind: 'direct', name: '刘洋', unreadCount: 1, lastMessageAt: '2026-11-20T01:00:00Z' }),
  channel({
    id: 'mkt',
    kind: 'department',
    name: '市场部-日常工作群',
    unreadCount: 2,
    lastMessageAt: '2026-11-20T02:00:00Z',
  }),
  channel({
    id: 'sales',
    kind: 'department',
    name: '销售部-日常工作群',
    lastMessageAt: '2026-11-21T02:00:00Z',
  }),
  channel({ id: 'all', kind: 'all_hands', name: '华联科技全员群', unreadCount: 3 }),
  channel({
    id: 'old',
    kind: 'team',
    name: '旧项目-推进群',
    archivedAt: '2026-10-01T00:00:00Z',
    unreadCount: 9,
  }),
  channel({
    id: 'ext',
    kind: 'external',
    name: '星河零售集团-项目沟通群',
    counterparty: { id: 'cp', name: '星河零售集团' },
  }),
];

describe('groupChannels', () => {
  it('groups by kind in a fixed order, archived last, most recent first', () => {
    const groups = groupChannels(channels);
    expect(groups.map((g) => g.key)).toEqual(['all_hands', 'department', 'external', 'direct', 'archived']);
    expect(groups.find((g) => g.key === 'department')!.channels.map((c) => c.id)).toEqual(['sales', 'mkt']);
  });

  it('filters by name, topic or organisation', () => {
    expect(groupChannels(channels, '市场').flatMap((g) => g.channels.map((c) => c.id))).toEqual(['mkt']);
    expect(groupChannels(channels, '星河').flatMap((g) => g.channels.map((c) => c.id))).toEqual(['ext']);
    expect(groupChannels(channels, 'nothing')).toEqual([]);
  });

  it('counts unread messages, not those of archived channels', () => {
    expect(totalUnread(channels)).toBe(6);
    expect(groupChannels(channels).find((g) => g.key === 'archived')!.unread).toBe(0);
  });
});

describe('titleWithUnread', () => {
  it('prefixes the count, capped at 99+', () => {
    expect(titleWithUnread('联络 Liaison', 0)).toBe('联络 Liaison');
    expect(titleWithUnread('联络 Liaison', 3)).toBe('(3) 联络 Liaison');
    expect(titleWithUnread('联络 Liaison', 120)).toBe('(99+) 联络 Liaison');
  });
});
