import type { Locale, User } from '@liaison/contracts';
import { type ExportColumn, instant } from '../../platform/export/columns.ts';

const STATUS: Record<Locale, Record<User['status'], string>> = {
  'zh-CN': { active: '启用', disabled: '停用' },
  'en-US': { active: 'Active', disabled: 'Disabled' },
};
const KIND: Record<Locale, Record<User['kind'], string>> = {
  'zh-CN': { employee: '员工', external: '外部用户' },
  'en-US': { employee: 'Employee', external: 'External' },
};

export const USER_SHEET = { 'zh-CN': '用户', 'en-US': 'Users' };

/** The user list as people reach for it in Excel (用户导出). */
export function userColumns(locale: Locale): ExportColumn<User>[] {
  return [
    { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, value: (u) => u.displayName },
    { header: { 'zh-CN': '用户名', 'en-US': 'Username' }, value: (u) => u.username },
    { header: { 'zh-CN': '部门', 'en-US': 'Department' }, value: (u) => u.department?.name },
    { header: { 'zh-CN': '职位', 'en-US': 'Title' }, value: (u) => u.title },
    { header: { 'zh-CN': '工号', 'en-US': 'Employee no.' }, value: (u) => u.employeeNo },
    { header: { 'zh-CN': '邮箱', 'en-US': 'Email' }, value: (u) => u.email },
    { header: { 'zh-CN': '办公电话', 'en-US': 'Office phone' }, value: (u) => u.officePhone },
    {
      header: { 'zh-CN': '角色', 'en-US': 'Roles' },
      value: (u) => u.roles.map((r) => r.name).join('、'),
    },
    { header: { 'zh-CN': '类型', 'en-US': 'Kind' }, value: (u) => KIND[locale][u.kind] },
    { header: { 'zh-CN': '状态', 'en-US': 'Status' }, value: (u) => STATUS[locale][u.status] },
    {
      header: { 'zh-CN': '最近登录', 'en-US': 'Last sign-in' },
      value: (u) => instant(u.lastLoginAt),
    },
    {
      header: { 'zh-CN': '创建时间', 'en-US': 'Created' },
      value: (u) => instant(u.createdAt),
    },
  ];
}
