import type { DirectoryPerson } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { matchesPerson, memberAsPerson, memberDetail, personDetail } from './people.ts';

const liu: DirectoryPerson = {
  id: 'u2',
  username: 'liu.yang',
  displayName: '刘洋',
  kind: 'employee',
  title: '市场经理',
  department: { id: 'd1', name: '市场部' },
  counterparty: null,
};
const deng: DirectoryPerson = {
  id: 'x1',
  username: 'deng.jianguo',
  displayName: '邓建国',
  kind: 'external',
  title: '采购总监',
  department: null,
  counterparty: { id: 'cp', name: '星河零售集团' },
};

describe('people', () => {
  it('matches by name, username and organisation', () => {
    expect(matchesPerson(liu, '刘')).toBe(true);
    expect(matchesPerson(liu, 'LIU')).toBe(true);
    expect(matchesPerson(liu, '市场')).toBe(true);
    expect(matchesPerson(deng, '星河')).toBe(true);
    expect(matchesPerson(deng, '刘')).toBe(false);
    expect(matchesPerson(deng, ' ')).toBe(true);
  });

  it('describes employees by department and title, contacts by organisation', () => {
    expect(personDetail(liu)).toBe('市场部 市场经理');
    expect(personDetail(deng)).toBe('星河零售集团 采购总监');
    expect(personDetail({ ...deng, title: null })).toBe('星河零售集团');
    expect(personDetail({ ...liu, department: null, title: null })).toBeNull();
  });

  it('turns a member into a person', () => {
    expect(
      memberAsPerson({
        user: { id: 'u2', username: 'liu.yang', displayName: '刘洋' },
        kind: 'employee',
        title: '经理',
        organisation: '市场部',
        role: 'member',
        via: 'explicit',
      }),
    ).toMatchObject({ id: 'u2', kind: 'employee', title: '经理', department: null });
  });

  it('describes a member by department and title', () => {
    const member = {
      user: { id: 'u2', username: 'liu.yang', displayName: '刘洋' },
      kind: 'employee' as const,
      title: '经理',
      organisation: '市场部',
      role: 'member' as const,
      via: 'explicit' as const,
    };
    expect(memberDetail(member)).toBe('市场部 经理');
    expect(memberDetail({ ...member, title: null, organisation: null })).toBeNull();
  });
});
