import { describe, expect, it } from 'vitest';
import { normaliseSearch, pinyinOf, searchTextOf } from './chinese.ts';

describe('Chinese names', () => {
  it('gives pinyin and initials, with surname readings', () => {
    expect(pinyinOf('张伟')).toEqual({ sortKey: 'zhang wei', full: 'zhangwei', initials: 'zw' });
    expect(pinyinOf('单雄信').full).toBe('shanxiongxin');
    expect(pinyinOf('Alice Wang')).toEqual({ sortKey: 'alice wang', full: 'alicewang', initials: '' });
  });

  it('sorts the way a Chinese reader expects', () => {
    const names = ['赵六', '张三', '阿明', '曾国藩', 'Bob'];
    const sorted = [...names].sort((a, b) => pinyinOf(a).sortKey.localeCompare(pinyinOf(b).sortKey));
    expect(sorted).toEqual(['阿明', 'Bob', '曾国藩', '张三', '赵六']);
  });

  it('builds a search haystack with name, pinyin, initials and extras', () => {
    const hay = searchTextOf('李娜', ['li.na', 'LI.NA@example.cn', null]);
    for (const q of ['李娜', 'lina', 'ln', 'li.na@example.cn']) expect(hay).toContain(normaliseSearch(q));
  });
});
