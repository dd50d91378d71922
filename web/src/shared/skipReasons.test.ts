import type { ApprovalAction } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import i18n from '../app/i18n/index.ts';
import { skippedStepText } from './skipReasons.ts';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en-US');
const steps = [
  { index: 0, name: '分管领导审批', mode: 'any' as const, status: 'skipped' as const, approvers: [] },
];
const skipped = (
  skipReasons: ApprovalAction['skipReasons'],
  comment: string | null = null,
): ApprovalAction => ({
  id: '0193a000-0000-7000-8000-000000000001',
  action: 'skipped',
  actor: null,
  stepIndex: 0,
  comment,
  skipReasons,
  at: '2026-03-02T01:00:00.000Z',
});

describe('a skipped step on the timeline', () => {
  it('says why, in the reader’s language', () => {
    const action = skipped([
      { kind: 'no_division_head', department: '品牌组' },
      { kind: 'no_role_holder', role: '宣传专员' },
    ]);
    expect(skippedStepText(zh, { steps }, action)).toBe(
      '跳过「分管领导审批」：部门「品牌组」没有上级负责人、没有人担任「宣传专员」',
    );
    expect(skippedStepText(en, { steps }, action)).toBe(
      'Skipped “分管领导审批”: the department above 品牌组 has no head, nobody holds the role “宣传专员”',
    );
    expect(skippedStepText(en, { steps }, skipped([{ kind: 'only_requester' }]))).toBe(
      'Skipped “分管领导审批”: the only approver is the requester',
    );
  });

  it('keeps what an older record said when it has no reasons', () => {
    expect(skippedStepText(zh, { steps }, skipped([], '没有可审批的人，自动跳过'))).toBe(
      '跳过「分管领导审批」：没有可审批的人，自动跳过',
    );
  });
});
