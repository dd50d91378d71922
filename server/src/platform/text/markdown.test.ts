import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from './markdown.ts';

describe('markdown to plain text', () => {
  it('drops markers and keeps words', () => {
    expect(markdownToPlainText('**请准时参加**周五的 _例会_，见[议程](https://x.cn/a)')).toBe(
      '请准时参加周五的 例会，见议程',
    );
    expect(markdownToPlainText('# 标题\n> 引用\n- 第一\n- 第二')).toBe('标题\n引用\n第一\n第二');
    expect(markdownToPlainText('用 `npm test` 跑\n```\ncode\n```')).toBe('用 npm test 跑\ncode\n');
  });

  it('leaves snake_case and @user.names alone', () => {
    expect(markdownToPlainText('字段 customer_level 由 @zhou.jie 确认')).toBe(
      '字段 customer_level 由 @zhou.jie 确认',
    );
  });
});
