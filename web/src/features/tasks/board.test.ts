import type { Task } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { canDrop, groupByStatus, moveTask } from './board.ts';

function task(id: string, status: Task['status'], extra: Partial<Task> = {}): Task {
  return {
    id,
    number: 1,
    title: id,
    description: '',
    status,
    priority: 'normal',
    assignee: null,
    team: null,
    department: null,
    collaborators: [],
    creator: { id: 'c', username: 'c', displayName: 'C' },
    dueAt: null,
    overdue: false,
    checklist: [],
    nextStep: null,
    source: null,
    replyCount: 0,
    completedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    can: { edit: true, reply: true, changeStatus: true },
    ...extra,
  };
}

describe('the task board', () => {
  it('puts every task in its status column, keeping the order', () => {
    const columns = groupByStatus([task('a', 'todo'), task('b', 'done'), task('c', 'todo')]);
    expect(columns.todo.map((t) => t.id)).toEqual(['a', 'c']);
    expect(columns.done.map((t) => t.id)).toEqual(['b']);
    expect(columns.blocked).toEqual([]);
  });

  it('only lets a card go to another column when its status may change', () => {
    expect(canDrop(task('a', 'todo'), 'done')).toBe(true);
    expect(canDrop(task('a', 'todo'), 'todo')).toBe(false);
    expect(
      canDrop(task('a', 'todo', { can: { edit: false, reply: true, changeStatus: false } }), 'done'),
    ).toBe(false);
    expect(canDrop(undefined, 'done')).toBe(false);
  });

  it('moves a card and clears its overdue mark once it is finished', () => {
    const late = task('a', 'in_progress', { dueAt: '2026-01-01T00:00:00.000Z', overdue: true });
    const now = new Date('2026-02-01T00:00:00.000Z');
    expect(moveTask([late], 'a', 'done', now)[0]).toMatchObject({ status: 'done', overdue: false });
    expect(moveTask([late], 'a', 'blocked', now)[0]).toMatchObject({ status: 'blocked', overdue: true });
  });
});
