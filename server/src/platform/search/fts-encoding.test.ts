import { describe, expect, it } from 'vitest';
import { fts5Columns, fts5Query, tsQueryLiteral, tsvectorLiteral } from './fts-encoding.ts';
import { analyse, queryTerms } from './segment.ts';

describe('analysis', () => {
  it('keeps every Han run with its offset, whatever the segmenter cut', () => {
    const text = analyse('请找财务，审计 next week');
    expect(text.han).toEqual([
      { at: 0, chars: ['请', '找', '财', '务'] },
      { at: 5, chars: ['审', '计'] },
    ]);
    expect(text.words).toEqual(expect.arrayContaining(['财务', '审计', 'next', 'week']));
    expect(text.words).not.toContain('请');
    expect(text.length).toBe([...'请找财务，审计 next week'].length);
  });

  it('splits a word mixing Han and other letters as a query would', () => {
    expect(analyse('取り消し').words).toEqual(['り', 'し']);
    expect(queryTerms('取り消し').map((t) => t.word)).toEqual(['取', 'り', '消', 'し']);
  });

  it('turns a query into Han runs and words, in order, once each', () => {
    expect(queryTerms('CRM系统 v2.0计划 系统')).toEqual([
      { kind: 'word', word: 'crm', prefix: true },
      { kind: 'han', word: '系统', chars: ['系', '统'] },
      { kind: 'word', word: 'v2', prefix: true },
      { kind: 'word', word: '0', prefix: false },
      { kind: 'han', word: '计划', chars: ['计', '划'] },
    ]);
  });

  it('leaves Han radicals and strokes out of runs, as the tokenizers do', () => {
    expect(analyse('⺀审').han).toEqual([{ at: 1, chars: ['审'] }]);
  });

  it('stores a word no longer than a query could ask for', () => {
    const long = 'a'.repeat(5_000);
    expect(analyse(long).words[0]).toHaveLength(200);
  });
});

describe('FTS5', () => {
  it('writes each run as its bigrams then its last character', () => {
    expect(fts5Columns(analyse('财务审计，审批')).grams).toBe('财务 务审 审计 计 审批 批');
    expect(fts5Columns(analyse('好')).grams).toBe('好');
  });

  it('asks a character as a prefix, a pair as a token, a longer run as a phrase of bigrams', () => {
    expect(fts5Query(queryTerms('审'))).toBe('"审"*');
    expect(fts5Query(queryTerms('务审'))).toBe('"务审"');
    expect(fts5Query(queryTerms('财务审计 crm'))).toBe('{grams} : "财务 务审 审计" AND "crm"*');
    expect(fts5Query(queryTerms('"x" OR y'))).toBe('"x" AND "or"* AND "y"');
  });
});

describe('PostgreSQL', () => {
  it('places bigrams at their offsets, leaving gaps between runs, and words after the text', () => {
    // 0 财 1 务 2 ， 3 审 4 计 5 ␠ 6 o 7 k
    expect(tsvectorLiteral(analyse('财务，审计 ok'))).toBe(
      "'财务':1,10A '务':2 '审计':4,11A '计':5 'ok':12A",
    );
  });

  it('asks a character as a prefix, a pair as a lexeme, a longer run as a weight-D phrase', () => {
    expect(tsQueryLiteral(queryTerms('审 务审 财务审计 meet'))).toBe(
      "'审':* & '务审' & ('财务':D <-> '务审':D <-> '审计':D) & 'meet':*",
    );
  });
});
