import type { Task } from '@liaison/contracts';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { emptyTaskForm, toCreateRequest, toTaskForm, toUpdateRequest } from './taskForm.ts';

const ME = '01900000-0000-7000-8000-000000000001';
const TEAM = '01900000-0000-7000-8000-000000000002';

describe('toCreateRequest', () => {
  it('sends the person, the due time to the minute and the filled checklist lines', () => {
    const request = toCreateRequest({
      ...emptyTaskForm(ME),
      title: '  准备发布会物料 ',
      dueAt: dayjs('2026-10-09T17:30:42.123+08:00'),
      checklist: [{ text: '海报' }, { text: '  ' }, undefined, { text: ' 易拉宝 ' }],
      nextStep: ' ',
    });
    expect(request).toMatchObject({
      title: '准备发布会物料',
      assigneeId: ME,
      teamId: null,
      dueAt: '2026-10-09T09:30:00.000Z',
      checklist: [
        { text: '海报', done: false },
        { text: '易拉宝', done: false },
      ],
      nextStep: null,
    });
  });

  it('sends the team instead of the person when given to a team', () => {
    const request = toCreateRequest({ ...emptyTaskForm(ME), title: 'x', assignTo: 'team', teamId: TEAM });
    expect(request.assigneeId).toBeNull();
    expect(request.teamId).toBe(TEAM);
    expect(request.dueAt).toBeNull();
  });
});

describe('toUpdateRequest', () => {
  it('sends the edited fields without the checklist, keeping a team-only task on its team', () => {
    const change = toUpdateRequest({
      ...toTaskForm({
        title: '复盘',
        description: '',
        assignee: null,
        team: { id: TEAM, name: '年中大促推进组' },
        collaborators: [],
        dueAt: null,
        priority: 'high',
        nextStep: null,
      } as unknown as Task),
      title: '复盘报告',
    });
    expect(change).toEqual({
      title: '复盘报告',
      description: '',
      assigneeId: null,
      teamId: TEAM,
      collaboratorIds: [],
      dueAt: null,
      priority: 'high',
      nextStep: null,
    });
  });
});
