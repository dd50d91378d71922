import type { AuditEntry } from '@liaison/contracts';
import { type ExportColumn, instant } from '../../platform/export/columns.ts';

export const AUDIT_SHEET = { 'zh-CN': '审计日志', 'en-US': 'Audit log' };

export function auditColumns(): ExportColumn<AuditEntry>[] {
  return [
    { header: { 'zh-CN': '序号', 'en-US': 'Seq' }, value: (e) => e.seq },
    {
      header: { 'zh-CN': '时间', 'en-US': 'Time' },
      value: (e) => instant(e.at),
    },
    {
      header: { 'zh-CN': '操作人', 'en-US': 'Actor' },
      value: (e) => (e.actor.name ? `${e.actor.name} (${e.actor.label})` : e.actor.label),
    },
    { header: { 'zh-CN': '动作', 'en-US': 'Action' }, value: (e) => e.action },
    { header: { 'zh-CN': '对象类型', 'en-US': 'Target type' }, value: (e) => e.targetType },
    { header: { 'zh-CN': '对象', 'en-US': 'Target' }, value: (e) => e.targetId },
    { header: { 'zh-CN': '摘要', 'en-US': 'Summary' }, value: (e) => JSON.stringify(e.summary) },
    { header: { 'zh-CN': 'IP 地址', 'en-US': 'IP address' }, value: (e) => e.ip },
    { header: { 'zh-CN': '请求 ID', 'en-US': 'Request id' }, value: (e) => e.requestId },
    { header: { 'zh-CN': '哈希', 'en-US': 'Hash' }, value: (e) => e.hash },
  ];
}
