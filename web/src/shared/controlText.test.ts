import type { PolicyRefusal, RuleMatch } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import i18n from '../app/i18n/index.ts';
import { blockedText, confirmQuestion, kindName, matchNames, percent, toRefusal } from './controlText.ts';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en-US');

const rule = (
  ruleName: string,
  kinds: RuleMatch['kinds'],
  action: RuleMatch['action'] = 'warn',
): RuleMatch => ({
  policyId: '0190a6f0-0000-7000-8000-000000000001',
  policyName: '机密信息外发管控',
  ruleId: `0190a6f0-0000-7000-8000-00000000000${ruleName.length}`,
  ruleName,
  action,
  test: false,
  kinds,
});
const keywords = {
  detector: '0190a6f0-0000-7000-8000-0000000000aa',
  name: '机密关键词',
  count: 2,
  confidence: 1,
};
const bankCard = { detector: 'bank_card', name: 'bank_card', count: 1, confidence: 0.93 };
const refusal = (rules: RuleMatch[], requireJustification = false): PolicyRefusal => ({
  action: 'warn',
  rules,
  requireJustification,
});

describe('kind names', () => {
  it('names built-in detectors in words people read and custom ones by their own name', () => {
    expect(kindName(zh, bankCard)).toBe('银行卡号');
    expect(kindName(en, bankCard)).toBe('Bank card number');
    expect(kindName(zh, { detector: 'cn_id_card', name: 'cn_id_card' })).toBe('身份证号码');
    expect(kindName(zh, { detector: 'ip_address', name: 'ip_address' })).toBe('IP 地址');
    expect(kindName(zh, keywords)).toBe('机密关键词');
    expect(kindName(zh, { detector: 'repetition', name: 'repetition' })).toBe('重复发送');
  });

  it('lists each rule and kind once, in the order they matched', () => {
    const rules = [rule('机密关键词', [keywords]), rule('银行卡号', [bankCard, keywords])];
    expect(matchNames(zh, rules)).toEqual({
      rules: ['机密关键词', '银行卡号'],
      kinds: ['机密关键词', '银行卡号'],
    });
  });
});

describe('the warning dialog', () => {
  it('asks whether to send outside the company, naming what was found', () => {
    expect(confirmQuestion(zh, refusal([rule('机密关键词', [keywords])]), true)).toBe(
      '该内容包含机密关键词，是否继续对外发送？',
    );
    expect(confirmQuestion(zh, refusal([rule('a', [keywords]), rule('bb', [bankCard])]), false)).toBe(
      '该内容包含机密关键词、银行卡号，是否继续发送？',
    );
    expect(confirmQuestion(en, refusal([rule('a', [bankCard])]), true)).toBe(
      'This contains Bank card number. Send it outside the company anyway?',
    );
  });

  it('names the rule when only behaviour (repeating oneself) raised it', () => {
    const repeated = rule('重复刷屏', [
      { detector: 'repetition', name: 'repetition', count: 1, confidence: 1 },
    ]);
    expect(confirmQuestion(zh, refusal([repeated]), false)).toBe(
      '该消息触发了「重复刷屏」提醒，是否继续发送？',
    );
    expect(confirmQuestion(zh, refusal([]), false)).toBe('该内容触发了沟通策略提醒，是否继续发送？');
  });
});

describe('a refused message', () => {
  it('names the rules and kinds, never the matched text', () => {
    const text = blockedText(zh, {
      ...refusal([rule('身份证号码', [{ ...bankCard, detector: 'cn_id_card' }], 'block')]),
    });
    expect(text).toContain('「身份证号码」（身份证号码）');
    expect(blockedText(zh, refusal([]))).toContain('不符合沟通策略');
  });

  it('reads the refusal from the error details, or falls back to an empty one', () => {
    const details = refusal([rule('机密关键词', [keywords])], true);
    expect(toRefusal(details, 'warn')).toEqual(details);
    expect(toRefusal({ unexpected: true }, 'block')).toEqual({
      action: 'block',
      rules: [],
      requireJustification: false,
    });
    expect(toRefusal(undefined, 'warn').rules).toEqual([]);
  });

  it('shows confidence as a percentage', () => {
    expect(percent(0.934)).toBe('93%');
  });
});
