import { describe, expect, it } from 'vitest';
import { draftKey, mergeText, returnDraft, takeReturned } from './drafts.ts';

const file = { id: 'f1', fileName: '报价单.xlsx', contentType: 'application/vnd.ms-excel', size: 10 };

describe('messages that come back to the composer', () => {
  it('puts the returned text before whatever was typed since', () => {
    expect(mergeText('请把货款打到银行卡', '')).toBe('请把货款打到银行卡');
    expect(mergeText('原文', '  ')).toBe('原文');
    expect(mergeText('原文', '新写的')).toBe('原文\n新写的');
    expect(mergeText('', '新写的')).toBe('新写的');
  });

  it('keeps what came back for its own conversation until the composer takes it, once', () => {
    const key = draftKey('c1', null);
    returnDraft(key, { body: '第一条', attachments: [file], refusal: null });
    returnDraft(key, {
      body: '第二条',
      attachments: [],
      refusal: { action: 'block', rules: [], requireJustification: false },
    });
    expect(takeReturned(draftKey('c1', 't1'))).toBeUndefined();
    expect(takeReturned(key)).toEqual({
      body: '第一条\n第二条',
      attachments: [file],
      refusal: { action: 'block', rules: [], requireJustification: false },
    });
    expect(takeReturned(key)).toBeUndefined();
  });
});
