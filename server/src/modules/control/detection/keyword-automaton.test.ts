import { describe, expect, it } from 'vitest';
import { buildKeywordAutomaton, type KeywordEntry } from './keyword-automaton.ts';

type Hit = [owner: number, found: string, start: number];

function hits(entries: KeywordEntry[], text: string): Hit[] {
  const out: Hit[] = [];
  buildKeywordAutomaton(entries).scan(text, (owner, start, end) =>
    out.push([owner, text.slice(start, end), start]),
  );
  return out.sort((a, b) => a[2] - b[2] || a[1].length - b[1].length || a[0] - b[0]);
}

const terms = (list: string[], owner = 0): KeywordEntry[] => list.map((term) => ({ term, owner }));

/** mulberry32, for reproducible random texts. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('keyword automaton', () => {
  it('finds every occurrence of overlapping and nested terms in one pass', () => {
    expect(hits(terms(['机密', '商业机密', '商业', '密文', '文件']), '这份商业机密文件')).toEqual([
      [0, '商业', 2],
      [0, '商业机密', 2],
      [0, '机密', 4],
      [0, '密文', 5],
      [0, '文件', 6],
    ]);
    expect(hits(terms(['啊啊']), '啊啊啊')).toEqual([
      [0, '啊啊', 0],
      [0, '啊啊', 1],
    ]);
  });

  it('reports a term shared by several dictionaries for each of them', () => {
    const entries = [
      ...terms(['保函', '信用证'], 1),
      ...terms(['保函', '仲裁'], 2),
      { term: '保函', owner: 1 },
    ];
    expect(hits(entries, '保函和仲裁')).toEqual([
      [1, '保函', 0],
      [2, '保函', 0],
      [2, '仲裁', 3],
    ]);
  });

  it('finds Chinese terms anywhere in unspaced sentences', () => {
    expect(
      hits(terms(['信用证', '不可抗力']), '合同里的信用证条款和不可抗力条款需要法务再看').map((h) => h[1]),
    ).toEqual(['信用证', '不可抗力']);
  });

  it('ignores case: ASCII, other alphabets and full-width letters', () => {
    const entries = terms(['Secret', 'Ärger', 'σοφία', 'project phoenix']);
    expect(hits(entries, 'SECRET secret sEcReT').length).toBe(3);
    expect(hits(entries, 'kein ÄRGER').map((h) => h[1])).toEqual(['ÄRGER']);
    expect(hits(entries, 'ΣΟΦΊΑ').map((h) => h[1])).toEqual(['ΣΟΦΊΑ']);
    expect(hits(entries, 'ＳＥＣＲＥＴ文件').map((h) => h[1])).toEqual(['ＳＥＣＲＥＴ']);
    expect(hits(entries, 'about PROJECT PHOENIX.').map((h) => h[1])).toEqual(['PROJECT PHOENIX']);
  });

  it('matches English terms on word boundaries only', () => {
    const entries = terms(['secret', 'CRM系统', 'top-secret']);
    expect(hits(entries, 'the secretary keeps secrets')).toEqual([]);
    expect(hits(entries, 'a secret.')).toEqual([[0, 'secret', 2]]);
    expect(hits(entries, '(secret)项目secret的').map((h) => h[2])).toEqual([1, 10]);
    expect(hits(entries, 'top-secret').map((h) => h[1])).toEqual(['top-secret', 'secret']);
    expect(hits(entries, 'mysecret secret_x x2secret')).toEqual([]);
    // Only the side that starts with a word character needs a boundary.
    expect(hits(entries, '用CRM系统').map((h) => h[1])).toEqual(['CRM系统']);
    expect(hits(entries, 'xCRM系统')).toEqual([]);
  });

  it('matches terms that start with a sign inside words, and multi-word terms only as a whole', () => {
    const entries = terms(['#secret', 'c++', 'project blue falcon']);
    expect(hits(entries, 'abc#secret').map((h) => h[1])).toEqual(['#secret']);
    expect(hits(entries, 'use c++ now, not abc++').map((h) => h[2])).toEqual([4]);
    expect(hits(entries, 'the project blue falcon. xproject blue falcon, project blue falcons')).toEqual([
      [0, 'project blue falcon', 4],
    ]);
  });

  it('matches a case-sensitive owner only in its own spelling', () => {
    const entries: KeywordEntry[] = [
      { term: 'Phoenix', owner: 1, caseSensitive: true },
      { term: 'phoenix', owner: 2 },
    ];
    expect(hits(entries, 'phoenix Phoenix PHOENIX')).toEqual([
      [2, 'phoenix', 0],
      [1, 'Phoenix', 8],
      [2, 'Phoenix', 8],
      [2, 'PHOENIX', 16],
    ]);
  });

  it('keeps UTF-16 offsets with surrogate pairs', () => {
    expect(hits(terms(['😀好']), 'a😀好b')).toEqual([[0, '😀好', 1]]);
  });

  it('works with no terms and with empty terms', () => {
    expect(hits([], 'anything')).toEqual([]);
    expect(hits(terms(['']), 'anything')).toEqual([]);
  });

  it('finds exactly what a naive search finds, with 5,000 Chinese and English terms', () => {
    const random = rng(42);
    const han =
      '合同供应商报价交付回款库存物流售后培训招聘审计续约折扣账期排期上线验收备货质检渠道展会样品认证返利';
    const latin = 'abcdefghijklmnopqrstuvwxyz';
    const pick = (s: string) => s[Math.floor(random() * s.length)]!;
    const vocabulary = new Set<string>();
    while (vocabulary.size < 4000)
      vocabulary.add(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(han)).join(''));
    while (vocabulary.size < 5000)
      vocabulary.add(Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(latin)).join(''));
    const list = [...vocabulary];
    const entries = list.map((term, i) => ({ term, owner: i % 7 }));
    const automaton = buildKeywordAutomaton(entries);
    expect(automaton.termCount).toBe(5000);

    const isWord = (c: string | undefined) => c !== undefined && /[0-9A-Za-z_]/.test(c);
    for (let round = 0; round < 20; round++) {
      let text = '';
      while (text.length < 400) text += random() < 0.5 ? pick(han) : random() < 0.8 ? pick(latin) : ' ';
      const expected: string[] = [];
      list.forEach((term, i) => {
        for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
          const ascii = /^[a-z]/.test(term);
          if (ascii && (isWord(text[at - 1]) || isWord(text[at + term.length]))) continue;
          expected.push(`${at}:${term}:${i % 7}`);
        }
      });
      const found: string[] = [];
      automaton.scan(text, (owner, start, end) => found.push(`${start}:${text.slice(start, end)}:${owner}`));
      expect(found.sort()).toEqual(expected.sort());
      expect(found.length).toBeGreaterThan(0);
    }
  });
});
