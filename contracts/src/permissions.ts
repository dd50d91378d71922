import { z } from 'zod';

/**
 * How far a role's scoped permissions reach: the whole company, the holder's own department
 * and everything below it, or only records the holder owns.
 */
export const DATA_SCOPES = ['all', 'department', 'own'] as const;
export const DataScope = z.enum(DATA_SCOPES);
export type DataScope = z.infer<typeof DataScope>;

/** Wider scopes first; used to pick the widest scope when several roles grant one permission. */
export const SCOPE_RANK: Record<DataScope, number> = { all: 3, department: 2, own: 1 };

/**
 * The permission catalogue. `scoped` permissions are limited by the data scope of the role that
 * grants them; unscoped ones are company-wide once granted. The web reads this same list to
 * decide what to show, the server to decide what to allow.
 */
export const PERMISSIONS = {
  'directory.read': { group: 'organisation', scoped: false },
  'user.read': { group: 'organisation', scoped: true },
  'user.manage': { group: 'organisation', scoped: true },
  'user.personal.read': { group: 'organisation', scoped: true },
  'department.manage': { group: 'organisation', scoped: false },
  'team.manage': { group: 'organisation', scoped: true },
  'role.read': { group: 'security', scoped: false },
  'role.manage': { group: 'security', scoped: false },
  'audit.read': { group: 'security', scoped: false },
  'token.manage': { group: 'security', scoped: false },
  'message.use': { group: 'messaging', scoped: false },
  'message.broadcast': { group: 'messaging', scoped: false },
  'channel.manage': { group: 'messaging', scoped: true },
  'channel.external': { group: 'messaging', scoped: false },
  'message.audit': { group: 'compliance', scoped: false },
  'retention.manage': { group: 'compliance', scoped: false },
  'control.manage': { group: 'compliance', scoped: false },
  'control.review': { group: 'compliance', scoped: false },
  'counterparty.read': { group: 'external', scoped: false },
  'counterparty.manage': { group: 'external', scoped: false },
  'task.use': { group: 'work', scoped: false },
  'task.read': { group: 'work', scoped: true },
  'task.assign': { group: 'work', scoped: true },
  'request.use': { group: 'work', scoped: false },
  'request.read': { group: 'work', scoped: true },
  'calendar.manage': { group: 'system', scoped: false },
  'notification.manage': { group: 'system', scoped: false },
  'announcement.read': { group: 'publishing', scoped: false },
  'announcement.publish': { group: 'publishing', scoped: true },
  'announcement.stats': { group: 'publishing', scoped: true },
  'announcement.manage': { group: 'publishing', scoped: false },
  'approval.use': { group: 'publishing', scoped: false },
  'approval.manage': { group: 'system', scoped: false },
} as const satisfies Record<string, { group: string; scoped: boolean }>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];
export const PermissionSchema = z.enum(PERMISSION_KEYS);

/**
 * The only permissions an external user (a counterparty's contact) may ever hold, whatever role
 * gives them: external users are confined to their own organisation's items and never see the
 * company directory. Portal permissions join this list as the portal is built.
 */
export const EXTERNAL_PERMISSIONS: readonly Permission[] = ['message.use', 'announcement.read'];

export const BUILT_IN_ROLE_KEYS = [
  'system_admin',
  'senior_leadership',
  'department_head',
  'liaison',
  'employee',
  'compliance_officer',
  'hr',
  'external_user',
] as const;
export type BuiltInRoleKey = (typeof BUILT_IN_ROLE_KEYS)[number];

export interface BuiltInRoleDefinition {
  key: BuiltInRoleKey;
  name: string;
  description: string;
  scope: DataScope;
  permissions: readonly Permission[];
  /** The administrator role cannot be edited, so nobody can lock the company out of itself. */
  locked?: boolean;
}

/**
 * The roles every company starts with (PRODUCT.md, "Who uses it"). Names are the Chinese product
 * vocabulary; the web translates them by key. Least privilege: each role gets only what its
 * work needs, and later modules add their permissions here.
 */
export const BUILT_IN_ROLES: readonly BuiltInRoleDefinition[] = [
  {
    key: 'system_admin',
    name: '系统管理员',
    description: '用户、部门、角色权限与系统配置',
    scope: 'all',
    permissions: PERMISSION_KEYS,
    locked: true,
  },
  {
    key: 'senior_leadership',
    name: '高层领导',
    description: '战略沟通、重大事项审批、查看全部报表',
    scope: 'all',
    permissions: [
      'directory.read',
      'user.read',
      'token.manage',
      'message.use',
      'message.broadcast',
      'channel.external',
      'counterparty.read',
      'task.use',
      'task.read',
      'task.assign',
      'request.use',
      'request.read',
      'announcement.read',
      'announcement.publish',
      'announcement.stats',
      'approval.use',
    ],
  },
  {
    key: 'department_head',
    name: '部门负责人',
    description: '审批本部门事项、查看本部门工作、接收升级',
    scope: 'department',
    permissions: [
      'directory.read',
      'user.read',
      'team.manage',
      'token.manage',
      'message.use',
      'channel.manage',
      'channel.external',
      'counterparty.read',
      'task.use',
      'task.read',
      'task.assign',
      'request.use',
      'request.read',
      'announcement.read',
      'announcement.publish',
      'announcement.stats',
      'approval.use',
    ],
  },
  {
    key: 'liaison',
    name: '沟通联系人',
    description: '部门对外沟通的指定联系人',
    scope: 'department',
    permissions: [
      'directory.read',
      'token.manage',
      'message.use',
      'channel.external',
      'counterparty.read',
      'counterparty.manage',
      'task.use',
      'task.assign',
      'request.use',
      'request.read',
      'announcement.read',
      'announcement.publish',
      'approval.use',
    ],
  },
  {
    key: 'employee',
    name: '员工',
    description: '消息、任务、公告、申请与匿名反馈',
    scope: 'own',
    permissions: [
      'directory.read',
      'token.manage',
      'message.use',
      'task.use',
      'task.assign',
      'request.use',
      'announcement.read',
      'approval.use',
    ],
  },
  {
    key: 'compliance_officer',
    name: '合规专员',
    description: '沟通控制规则、暂扣消息、审计与法务审核',
    scope: 'all',
    permissions: [
      'directory.read',
      'user.read',
      'role.read',
      'audit.read',
      'token.manage',
      'message.use',
      'message.audit',
      'retention.manage',
      'control.manage',
      'control.review',
      'counterparty.read',
      'task.use',
      'task.assign',
      'request.use',
      'announcement.read',
      'approval.use',
    ],
  },
  {
    key: 'hr',
    name: '人力资源',
    description: '员工档案、组织架构与个人信息',
    scope: 'all',
    permissions: [
      'directory.read',
      'user.read',
      'user.manage',
      'user.personal.read',
      'department.manage',
      'team.manage',
      'token.manage',
      'message.use',
      'message.broadcast',
      'task.use',
      'task.assign',
      'request.use',
      'announcement.read',
      'announcement.publish',
      'announcement.stats',
      'announcement.manage',
      'approval.use',
    ],
  },
  {
    key: 'external_user',
    name: '外部用户',
    description: '客户、合作伙伴或供应商的联系人，只能看到本组织的事项',
    scope: 'own',
    permissions: EXTERNAL_PERMISSIONS,
  },
];

/** What a signed-in user may do: each granted permission with the widest scope it was granted at. */
export const Grants = z.partialRecord(PermissionSchema, DataScope);
export type Grants = z.infer<typeof Grants>;

export function can(grants: Grants, permission: Permission): boolean {
  return grants[permission] !== undefined;
}
