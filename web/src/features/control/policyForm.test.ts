import type { ControlPolicy } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import { newPolicy, newRule, policyToRequest, toFormValues, toSaveRequest } from './policyForm.ts';

const policy: ControlPolicy = {
  id: '0190a6f0-0000-7000-8000-000000000001',
  name: '内部群聊规范',
  description: null,
  enabled: true,
  mode: 'enforce',
  priority: 30,
  scope: { direction: 'internal', channelKinds: [], departmentIds: [] },
  rules: [
    {
      id: '0190a6f0-0000-7000-8000-000000000002',
      name: '重复刷屏',
      detectors: [],
      minConfidence: 0.5,
      minCount: 1,
      behaviour: { kind: 'repetition', maxRepeats: 3, windowSeconds: 300 },
      counterpartyIds: [],
      senderDepartmentIds: [],
      action: 'warn',
      requireJustification: false,
    },
    {
      id: '0190a6f0-0000-7000-8000-000000000003',
      name: '银行卡号',
      detectors: ['bank_card'],
      minConfidence: 0.8,
      minCount: 1,
      behaviour: null,
      counterpartyIds: [],
      senderDepartmentIds: [],
      action: 'hold',
      requireJustification: false,
    },
  ],
  version: 3,
  updatedAt: '2026-11-20T02:00:00.000Z',
  updatedBy: null,
};

describe('policy editor values', () => {
  it('round-trips a stored policy, keeping rule ids so recorded matches keep their rule', () => {
    const body = toSaveRequest(toFormValues(policy));
    expect(body.rules.map((r) => r.id)).toEqual(policy.rules.map((r) => r.id));
    expect(body.rules[0]!.behaviour).toEqual({ kind: 'repetition', maxRepeats: 3, windowSeconds: 300 });
    expect(body.rules[1]!.behaviour).toBeNull();
    expect(body.description).toBeNull();
    expect(body).not.toHaveProperty('version');
  });

  it('asks for a reason only in warning rules and trims names', () => {
    const values = newPolicy();
    values.name = '  试运行策略 ';
    values.rules = [
      {
        ...newRule(),
        name: ' 拦截 ',
        detectors: ['cn_id_card'],
        action: 'block',
        requireJustification: true,
      },
      { ...newRule(), name: '提醒', detectors: ['email'], action: 'warn', requireJustification: true },
    ];
    const body = toSaveRequest(values);
    expect(body.name).toBe('试运行策略');
    expect(body.rules.map((r) => [r.name, r.requireJustification])).toEqual([
      ['拦截', false],
      ['提醒', true],
    ]);
    expect(body.rules[0]).not.toHaveProperty('id');
  });

  it('fills a switched-on behaviour condition with its defaults', () => {
    const values = newPolicy();
    values.rules = [{ ...newRule(), name: '刷屏', behaviour: { kind: 'flooding' } }];
    expect(toSaveRequest(values).rules[0]!.behaviour).toEqual({
      kind: 'flooding',
      maxMessages: 10,
      windowSeconds: 60,
    });
  });

  it('switches a stored policy off without touching the rest', () => {
    const body = policyToRequest(policy, { enabled: false });
    expect(body.enabled).toBe(false);
    expect(body.rules).toHaveLength(2);
    expect(body.priority).toBe(30);
  });
});
