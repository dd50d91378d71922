import type { ControlOutcome, ExternalRecord, Locale } from '@liaison/contracts';
import { type ExportColumn, instant } from '../../platform/export/columns.ts';

export const RECORDS_SHEET = { 'zh-CN': '对外沟通记录', 'en-US': 'External communication' };

const OUTCOME: Record<ControlOutcome, Record<Locale, string>> = {
  allowed: { 'zh-CN': '放行', 'en-US': 'Allowed' },
  warned: { 'zh-CN': '提醒后发送', 'en-US': 'Sent after warning' },
  redacted: { 'zh-CN': '已遮蔽', 'en-US': 'Redacted' },
  held: { 'zh-CN': '待审核', 'en-US': 'Held' },
  approved: { 'zh-CN': '审核通过', 'en-US': 'Approved' },
  rejected: { 'zh-CN': '审核驳回', 'en-US': 'Rejected' },
  blocked: { 'zh-CN': '已拦截', 'en-US': 'Blocked' },
};

const KIND: Record<ExternalRecord['kind'], Record<Locale, string>> = {
  message: { 'zh-CN': '消息', 'en-US': 'Message' },
  email: { 'zh-CN': '邮件', 'en-US': 'Email' },
  call: { 'zh-CN': '电话', 'en-US': 'Call' },
  meeting: { 'zh-CN': '会议', 'en-US': 'Meeting' },
};

const DIRECTION: Record<ExternalRecord['direction'], Record<Locale, string>> = {
  outbound: { 'zh-CN': '对外发出', 'en-US': 'Outbound' },
  inbound: { 'zh-CN': '外部来信', 'en-US': 'Inbound' },
};

export function recordColumns(locale: Locale): ExportColumn<ExternalRecord>[] {
  return [
    {
      header: { 'zh-CN': '时间', 'en-US': 'Time' },
      value: (r) => instant(r.occurredAt),
    },
    { header: { 'zh-CN': '类型', 'en-US': 'Kind' }, value: (r) => KIND[r.kind][locale] },
    {
      header: { 'zh-CN': '方向', 'en-US': 'Direction' },
      value: (r) => DIRECTION[r.direction][locale],
    },
    {
      header: { 'zh-CN': '人员', 'en-US': 'Person' },
      value: (r) => (r.person ? `${r.person.displayName} (${r.person.username})` : ''),
    },
    {
      header: { 'zh-CN': '外部单位', 'en-US': 'Counterparty' },
      value: (r) => r.counterparty?.name ?? '',
    },
    { header: { 'zh-CN': '渠道', 'en-US': 'Channel' }, value: (r) => r.channel?.name ?? '' },
    { header: { 'zh-CN': '内容摘要', 'en-US': 'Summary' }, value: (r) => r.summary },
    { header: { 'zh-CN': '附件数', 'en-US': 'Attachments' }, value: (r) => r.attachmentCount },
    {
      header: { 'zh-CN': '管控结果', 'en-US': 'Outcome' },
      value: (r) => OUTCOME[r.outcome][locale],
    },
  ];
}
