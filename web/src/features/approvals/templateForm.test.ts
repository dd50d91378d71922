import type { ApprovalTemplate } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { parseConditionValue, toRule, toTemplateForm, toTemplateRequest } from './templateForm.ts';

const LEGAL = '0190a1b2-0000-7000-8000-000000000001';
const USER = '0190a1b2-0000-7000-8000-000000000002';

const template: ApprovalTemplate = {
  id: '0190a1b2-0000-7000-8000-0000000000aa',
  subjectType: 'announcement',
  name: '公告发布审批',
  steps: [
    { id: 'head', name: '部门负责人', mode: 'any', approvers: [{ type: 'requester_head' }], condition: null },
    {
      id: 'legal',
      name: '法务审核',
      mode: 'all',
      approvers: [{ type: 'department_head', departmentId: LEGAL }],
      condition: { attribute: 'legal', in: [true] },
    },
    {
      id: 'top',
      name: '高层领导',
      mode: 'any',
      approvers: [{ type: 'senior_leadership' }],
      condition: { attribute: 'importance', in: ['major'] },
    },
  ],
  cc: [{ type: 'users', userIds: [USER] }],
  version: 3,
  updatedAt: '2026-06-01T08:00:00.000Z',
};

describe('approval template form', () => {
  it('round-trips a stored template', () => {
    const form = toTemplateForm(template, { name: 'x', stepName: 'y' });
    expect(form.steps[1]).toMatchObject({
      conditional: true,
      conditionAttribute: 'legal',
      conditionValues: ['true'],
    });
    expect(toTemplateRequest(form)).toEqual({ name: template.name, steps: template.steps, cc: template.cc });
  });

  it('starts a missing template with one step to the requester’s head', () => {
    const form = toTemplateForm(undefined, { name: '公告发布审批', stepName: '部门负责人' });
    expect(form.steps).toHaveLength(1);
    expect(toTemplateRequest(form).steps[0]).toMatchObject({
      name: '部门负责人',
      mode: 'any',
      approvers: [{ type: 'requester_head' }],
      condition: null,
    });
  });

  it('drops rules whose fields are not filled in and conditions switched off', () => {
    expect(toRule({ type: 'department_head', departmentId: null })).toBeNull();
    expect(toRule({ type: 'role', roleKey: 'hr' })).toEqual({
      type: 'role',
      roleKey: 'hr',
      sameDepartment: false,
    });
    expect(toRule({ type: 'users', userIds: [] })).toBeNull();
    const request = toTemplateRequest({
      name: ' 审批 ',
      steps: [
        {
          id: 's1',
          name: ' 第一步 ',
          mode: 'any',
          approvers: [{ type: 'division_head' }, { type: 'users', userIds: [] }],
          conditional: false,
          conditionAttribute: 'importance',
          conditionValues: ['major'],
        },
      ],
      cc: [],
    });
    expect(request).toEqual({
      name: '审批',
      steps: [
        { id: 's1', name: '第一步', mode: 'any', approvers: [{ type: 'division_head' }], condition: null },
      ],
      cc: [],
    });
  });

  it('reads true and false as booleans', () => {
    expect(parseConditionValue('true')).toBe(true);
    expect(parseConditionValue(' false ')).toBe(false);
    expect(parseConditionValue('major')).toBe('major');
  });
});
