import { describe, expect, it } from 'vitest';
import { fillRule, followsRule, rulePrefix } from './naming.ts';

describe('naming rules', () => {
  it('checks names the way the server does', () => {
    expect(followsRule('{department}-*', '市场部-日常工作群', { department: '市场部' })).toBe(true);
    expect(followsRule('{department}-*', '销售部-日常工作群', { department: '市场部' })).toBe(false);
    expect(followsRule('{department}-*', '市场部-', { department: '市场部' })).toBe(false);
    expect(followsRule('{department}-日常工作群', '市场部-日常工作群', { department: '市场部' })).toBe(true);
    expect(followsRule('{team}-推进群', 'CRM升级项目组-推进群', { team: 'CRM升级项目组' })).toBe(true);
    expect(followsRule('*', '华联科技全员群', {})).toBe(true);
  });

  it('treats regex characters in names literally', () => {
    expect(followsRule('{team}-*', 'A.B-群', { team: 'A.B' })).toBe(true);
    expect(followsRule('{team}-*', 'AxB-群', { team: 'A.B' })).toBe(false);
  });

  it('fills examples and the prefix to start a name with', () => {
    expect(fillRule('{department}-*', { department: '市场部' }, '日常工作群')).toBe('市场部-日常工作群');
    expect(rulePrefix('{department}-*', { department: '市场部' })).toBe('市场部-');
    expect(rulePrefix('{department}-*', {})).toBe('');
    expect(rulePrefix('*', {})).toBe('');
  });
});
