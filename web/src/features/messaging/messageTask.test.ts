import { describe, expect, it } from 'vitest';
import { clip, messageTaskDraft, taskSourceLabel, taskTitleFrom } from './messageTask.ts';
import { message } from './testMessages.ts';

const group = { kind: 'department' as const, name: '市场部-日常工作群' };
const file = { id: 'f1', fileName: '场地合同.pdf', contentType: 'application/pdf', size: 10 };

describe('taskTitleFrom', () => {
  it('takes the first line with text, without Markdown marks', () => {
    expect(taskTitleFrom(message({ seq: 1, body: '\n  ## 发布会物料 \n周五前准备好' }))).toBe('发布会物料');
    expect(taskTitleFrom(message({ seq: 1, body: '> - 核对名单\n细节' }))).toBe('核对名单');
    expect(taskTitleFrom(message({ seq: 1, body: '**紧急**：联系场地' }))).toBe('**紧急**：联系场地');
  });

  it('keeps to 200 characters', () => {
    expect(taskTitleFrom(message({ seq: 1, body: '长'.repeat(300) }))).toHaveLength(200);
  });

  it('names a message of files alone after its first file', () => {
    expect(taskTitleFrom(message({ seq: 1, body: '', attachments: [file] }))).toBe('场地合同.pdf');
    expect(taskTitleFrom(message({ seq: 1, body: '' }))).toBe('');
  });
});

describe('clip', () => {
  it('never splits a surrogate pair', () => {
    expect(clip('ab😀', 3)).toBe('ab');
    expect(clip('abcdef', 4, '…')).toBe('abc…');
    expect(clip('abc', 4, '…')).toBe('abc');
  });
});

describe('messageTaskDraft', () => {
  it('carries the whole text, who wrote it and the message as the source', () => {
    const draft = messageTaskDraft(
      message({ seq: 7, body: '整理媒体名单\n周五前发群里' }),
      group,
      '陈静',
      '—— 陈静 发送于 2026/11/20 10:00',
    );
    expect(draft).toEqual({
      title: '整理媒体名单',
      description: '整理媒体名单\n周五前发群里\n\n—— 陈静 发送于 2026/11/20 10:00',
      source: { type: 'message', id: 'm7', channelId: 'c1', label: '#市场部-日常工作群 · 陈静' },
    });
  });

  it('shortens a long text so the description stays within 10 000 characters', () => {
    const draft = messageTaskDraft(message({ seq: 1, body: 'x'.repeat(10_000) }), group, '陈静', '—— 陈静');
    expect(draft.description).toHaveLength(10_000);
    expect(draft.description.endsWith('…\n\n—— 陈静')).toBe(true);
  });
});

describe('taskSourceLabel', () => {
  it('marks channels with # but not direct conversations', () => {
    expect(taskSourceLabel(group, '刘洋')).toBe('#市场部-日常工作群 · 刘洋');
    expect(taskSourceLabel({ kind: 'direct', name: '刘洋' }, '刘洋')).toBe('刘洋 · 刘洋');
  });
});
