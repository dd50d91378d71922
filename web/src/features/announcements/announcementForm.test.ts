import type { AnnouncementDetail } from '@liaison/contracts';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { lastMonths, needsAck, rateOf } from '../../shared/announcementText.ts';
import {
  emptyAudience,
  isAudienceEmpty,
  normaliseAudience,
  toAnnouncementForm,
  toCreateRequest,
} from './announcementForm.ts';
import { isBlankHtml, normaliseLink, plainText, textToHtml } from './richText.ts';

const ID = (n: number) => `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;

const detail: AnnouncementDetail = {
  id: ID(1),
  category: { id: ID(2), key: 'notice', name: '通知' },
  title: '关于端午节放假安排的通知',
  bodyHtml: '<p>放假三天。</p>',
  summary: '放假三天。',
  publishingDepartment: { id: ID(3), name: '人力资源部' },
  owner: { id: ID(4), username: 'he.jing', displayName: '何静' },
  createdBy: { id: ID(4), username: 'he.jing', displayName: '何静' },
  effectiveAt: '2026-06-01T01:00:00.000Z',
  expiresAt: null,
  pinned: true,
  importance: 'important',
  requiresAck: true,
  ackDeadline: '2026-06-03T10:00:00.000Z',
  audience: {
    everyone: false,
    departments: [{ id: ID(5), includeChildren: true }],
    teams: [],
    users: [],
    counterparties: [],
  },
  status: 'draft',
  approvalId: null,
  publishedAt: null,
  revision: 1,
  recipientCount: 0,
  files: [{ id: ID(6), fileName: '排班表.xlsx', contentType: 'application/vnd.ms-excel', size: 2048 }],
  createdAt: '2026-05-30T01:00:00.000Z',
  updatedAt: '2026-05-30T01:00:00.000Z',
  me: { readAt: null, ackedAt: null, recipient: false },
  can: { edit: true, submit: true, correct: false, withdraw: false, stats: false },
  revisions: [],
};

describe('announcement form', () => {
  it('round-trips a draft, files included', () => {
    const request = toCreateRequest(toAnnouncementForm(detail));
    expect(request).toMatchObject({
      categoryId: ID(2),
      title: detail.title,
      publishingDepartmentId: ID(3),
      ownerId: ID(4),
      effectiveAt: detail.effectiveAt,
      pinned: true,
      importance: 'important',
      requiresAck: true,
      ackDeadline: detail.ackDeadline,
      audience: detail.audience,
      fileIds: [ID(6)],
    });
  });

  it('drops the deadline when no acknowledgement is asked for, and lists under "everyone"', () => {
    const values = toAnnouncementForm(detail);
    values.requiresAck = false;
    values.audience = { ...values.audience, everyone: true };
    const request = toCreateRequest(values);
    expect(request.ackDeadline).toBeNull();
    expect(request.audience).toEqual({ ...emptyAudience(), everyone: true });
  });

  it('knows an empty audience', () => {
    expect(isAudienceEmpty(emptyAudience())).toBe(true);
    expect(isAudienceEmpty({ ...emptyAudience(), counterparties: [ID(7)] })).toBe(false);
    expect(normaliseAudience(undefined)).toEqual(emptyAudience());
  });

  it('rounds dates to the minute', () => {
    const values = toAnnouncementForm(detail);
    values.effectiveAt = dayjs('2026-06-01T09:30:42.123+08:00');
    expect(toCreateRequest(values).effectiveAt).toBe('2026-06-01T01:30:00.000Z');
  });
});

describe('rich text helpers', () => {
  it('treats an emptied editor as blank', () => {
    expect(isBlankHtml('<p><br></p>')).toBe(true);
    expect(isBlankHtml('<p>&nbsp;</p>')).toBe(true);
    expect(isBlankHtml('<p>内容</p>')).toBe(false);
    expect(plainText('<h3>标题</h3><p>A &amp; B</p>')).toBe('标题 A & B');
  });

  it('turns pasted text into escaped paragraphs', () => {
    expect(textToHtml('第一行\r\n\r\n<b>第二行</b>\n')).toBe('<p>第一行</p><p>&lt;b&gt;第二行&lt;/b&gt;</p>');
  });

  it('allows web and mail links only', () => {
    expect(normaliseLink('www.example.com/a')).toBe('https://www.example.com/a');
    expect(normaliseLink('https://example.com')).toBe('https://example.com');
    expect(normaliseLink('mailto:hr@example.com')).toBe('mailto:hr@example.com');
    expect(normaliseLink('javascript:alert(1)')).toBeNull();
    expect(normaliseLink('data:text/html,x')).toBeNull();
    expect(normaliseLink('not a link')).toBeNull();
  });
});

describe('announcement helpers', () => {
  it('asks for an acknowledgement only from recipients who have not given it', () => {
    expect(needsAck({ requiresAck: true, me: { readAt: null, ackedAt: null, recipient: true } })).toBe(true);
    expect(needsAck({ requiresAck: true, me: { readAt: null, ackedAt: null, recipient: false } })).toBe(
      false,
    );
    expect(
      needsAck({
        requiresAck: true,
        me: { readAt: null, ackedAt: '2026-06-01T00:00:00.000Z', recipient: true },
      }),
    ).toBe(false);
  });

  it('names the last six months', () => {
    expect(lastMonths(new Date('2026-11-15T00:00:00+08:00'), 6)).toEqual({
      from: '2026-06',
      to: '2026-11',
      months: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'],
    });
    expect(lastMonths(new Date('2026-02-10T00:00:00+08:00'), 3).months).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(rateOf(0, 0)).toBeNull();
  });
});
