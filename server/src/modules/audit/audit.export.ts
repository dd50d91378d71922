import type { AuditEntry } from '@liaison/contracts';
import type { ExportColumn } from '../../platform/export/columns.ts';
import { formatLocalDateTime } from '../../platform/text/dates.ts';

export const AUDIT_SHEET = { 'zh-CN': '审计日志', 'en-US': 'Audit log' };

export function auditColumns(timeZone: string): ExportColumn<AuditEntry>[] {
  return [
    { header: { 'zh-CN': '序号', 'en-US': 'Seq' }, width: 8, value: (e) => e.seq },
    {
      header: { 'zh-CN': '时间', 'en-US': 'Time' },
      width: 20,
      value: (e) => formatLocalDateTime(e.at, timeZone),
    },
    {
      header: { 'zh-CN': '操作人', 'en-US': 'Actor' },
      width: 20,
      value: (e) => (e.actor.name ? `${e.actor.name} (${e.actor.label})` : e.actor.label),
    },
    { header: { 'zh-CN': '动作', 'en-US': 'Action' }, width: 24, value: (e) => e.action },
    { header: { 'zh-CN': '对象类型', 'en-US': 'Target type' }, width: 12, value: (e) => e.targetType },
    { header: { 'zh-CN': '对象', 'en-US': 'Target' }, width: 38, value: (e) => e.targetId },
    { header: { 'zh-CN': '摘要', 'en-US': 'Summary' }, width: 60, value: (e) => JSON.stringify(e.summary) },
    { header: { 'zh-CN': 'IP 地址', 'en-US': 'IP address' }, width: 16, value: (e) => e.ip },
    { header: { 'zh-CN': '请求 ID', 'en-US': 'Request id' }, width: 38, value: (e) => e.requestId },
    { header: { 'zh-CN': '哈希', 'en-US': 'Hash' }, width: 20, value: (e) => e.hash },
  ];
}
