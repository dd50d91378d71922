import { can, type Me, type Permission } from '@liaison/contracts';

/** 消息: the chat and its search; external users see these and nothing else. */
export const MESSAGING_ITEMS = [
  { key: 'messaging', path: '/messages', permission: 'message.use' },
  { key: 'messageSearch', path: '/messages/search', permission: 'message.use' },
] as const satisfies readonly { key: string; path: string; permission: Permission }[];

/**
 * 公告 and 审批: top-level entries. External users may hold announcement.read (what is addressed to
 * their organisation), so these are filtered by permission, not by the kind of user.
 */
export const PUBLISHING_ITEMS = [
  {
    key: 'announcements',
    path: '/announcements',
    permission: 'announcement.read',
  },
  { key: 'approvals', path: '/approvals', permission: 'approval.use' },
] as const satisfies readonly { key: string; path: string; permission: Permission }[];

/** Modules that exist in the menu already but whose screens come in later releases. */
export const UPCOMING_MODULES = [
  { key: 'external', path: '/external' },
  { key: 'complaints', path: '/complaints' },
  { key: 'meetings', path: '/meetings' },
  { key: 'feedback', path: '/feedback' },
  { key: 'reports', path: '/reports' },
] as const;

export type UpcomingModule = (typeof UPCOMING_MODULES)[number]['key'];

/**
 * 任务与协作: tasks, department requests and the notification inbox. `permission: null` is every
 * employee's (the inbox); the server checks each call too.
 */
export const WORK_ITEMS = [
  { key: 'tasks', path: '/tasks', permission: 'task.use' },
  { key: 'taskBoard', path: '/tasks/board', permission: 'task.use' },
  { key: 'taskCalendar', path: '/tasks/calendar', permission: 'task.use' },
  { key: 'requests', path: '/requests', permission: 'request.use' },
  { key: 'requestReport', path: '/requests/report', permission: 'request.read' },
  { key: 'notifications', path: '/notifications', permission: null },
] as const satisfies readonly {
  key: string;
  path: string;
  permission: Permission | null;
}[];

export type WorkScreen = (typeof WORK_ITEMS)[number]['key'];

/** 系统设置: company-wide configuration, each behind its own permission. */
export const SYSTEM_ITEMS = [
  {
    key: 'workCalendar',
    path: '/admin/calendar',
    permission: 'calendar.manage',
  },
  {
    key: 'notificationDeliveries',
    path: '/admin/notifications',
    permission: 'notification.manage',
  },
  {
    key: 'approvalTemplates',
    path: '/admin/approvals',
    permission: 'approval.manage',
  },
  {
    key: 'announcementCategories',
    path: '/admin/announcement-categories',
    permission: 'announcement.manage',
  },
] as const satisfies readonly { key: string; path: string; permission: Permission }[];

export type SystemScreen = (typeof SYSTEM_ITEMS)[number]['key'];

/** 组织与权限: each screen with the permission that unlocks it (the server enforces it too). */
export const ORGANISATION_ITEMS = [
  { key: 'users', path: '/org/users', permission: 'user.read' },
  { key: 'departments', path: '/org/departments', permission: 'directory.read' },
  { key: 'teams', path: '/org/teams', permission: 'directory.read' },
  { key: 'roles', path: '/org/roles', permission: 'role.read' },
  { key: 'audit', path: '/org/audit', permission: 'audit.read' },
] as const satisfies readonly { key: string; path: string; permission: Permission }[];

export type OrganisationScreen = (typeof ORGANISATION_ITEMS)[number]['key'];

/** 合规: shown to whoever holds any of the listed permissions; each section checks its own. */
export const COMPLIANCE_ITEMS = [
  {
    key: 'controlReview',
    path: '/compliance/review',
    anyOf: ['control.review'],
  },
  {
    key: 'externalRecords',
    path: '/compliance/records',
    anyOf: ['control.review'],
  },
  { key: 'anomalyAlerts', path: '/compliance/alerts', anyOf: ['control.review'] },
  {
    key: 'controlPolicies',
    path: '/compliance/policies',
    anyOf: ['control.manage'],
  },
  {
    key: 'controlDetectors',
    path: '/compliance/detectors',
    anyOf: ['control.manage'],
  },
  {
    key: 'retention',
    path: '/compliance/retention',
    anyOf: ['retention.manage', 'message.audit'],
  },
] as const satisfies readonly { key: string; path: string; anyOf: readonly Permission[] }[];

export type ComplianceScreen = (typeof COMPLIANCE_ITEMS)[number]['key'];

export const DASHBOARD_ITEM = { key: 'dashboard', path: '/' } as const;

export function pathOf(key: OrganisationScreen): string {
  return ORGANISATION_ITEMS.find((item) => item.key === key)?.path ?? '/';
}

export type MenuKey =
  | typeof DASHBOARD_ITEM.key
  | (typeof MESSAGING_ITEMS)[number]['key']
  | (typeof PUBLISHING_ITEMS)[number]['key']
  | UpcomingModule
  | WorkScreen
  | SystemScreen
  | OrganisationScreen
  | ComplianceScreen;

export interface MenuScreens {
  /** Ungrouped entries at the top: 工作台, 消息, 公告, 审批 and the modules still to come. */
  top: { key: MenuKey; path: string }[];
  work: (typeof WORK_ITEMS)[number][];
  organisation: (typeof ORGANISATION_ITEMS)[number][];
  compliance: (typeof COMPLIANCE_ITEMS)[number][];
  system: (typeof SYSTEM_ITEMS)[number][];
}

/**
 * The screens a person's menu offers, group by group in the menu's order. External users (a
 * counterparty's contacts) get what their permissions allow and nothing internal: no 工作台, no
 * modules still to come, no work screens.
 */
export function menuScreens(me: Pick<Me, 'grants'> & { user: Pick<Me['user'], 'kind'> }): MenuScreens {
  const allowed = (permission: Permission) => can(me.grants, permission);
  const employee = me.user.kind === 'employee';
  return {
    top: [
      ...(employee ? [DASHBOARD_ITEM] : []),
      ...MESSAGING_ITEMS.filter((item) => allowed(item.permission)),
      ...PUBLISHING_ITEMS.filter((item) => allowed(item.permission)),
      ...(employee ? UPCOMING_MODULES : []),
    ],
    work: employee ? WORK_ITEMS.filter((item) => item.permission === null || allowed(item.permission)) : [],
    organisation: ORGANISATION_ITEMS.filter((item) => allowed(item.permission)),
    compliance: COMPLIANCE_ITEMS.filter((item) => item.anyOf.some((permission) => allowed(permission))),
    system: SYSTEM_ITEMS.filter((item) => allowed(item.permission)),
  };
}

/**
 * Where a person starts: the first screen of their menu (工作台 for employees), or their profile when
 * the menu offers nothing. The way back from a refused or unknown page goes here, never to a screen
 * the person cannot open (an external user has no 工作台).
 */
export function landingScreen(me: Parameters<typeof menuScreens>[0]): {
  key: MenuKey | 'profile';
  path: string;
} {
  const screens = menuScreens(me);
  const first = [
    ...screens.top,
    ...screens.work,
    ...screens.organisation,
    ...screens.compliance,
    ...screens.system,
  ][0];
  return first ?? { key: 'profile', path: '/profile' };
}
