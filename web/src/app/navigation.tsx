import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FundOutlined,
  GlobalOutlined,
  InteractionOutlined,
  MessageOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScanOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SendOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@liaison/contracts';
import type { ReactNode } from 'react';

/** 消息: the chat and its search; external users see these and nothing else. */
export const MESSAGING_ITEMS = [
  { key: 'messaging', path: '/messages', icon: <MessageOutlined />, permission: 'message.use' },
  { key: 'messageSearch', path: '/messages/search', icon: <SearchOutlined />, permission: 'message.use' },
] as const satisfies readonly { key: string; path: string; icon: ReactNode; permission: Permission }[];

/**
 * 公告 and 审批: top-level entries. External users may hold announcement.read (what is addressed to
 * their organisation), so these are filtered by permission, not by the kind of user.
 */
export const PUBLISHING_ITEMS = [
  {
    key: 'announcements',
    path: '/announcements',
    icon: <NotificationOutlined />,
    permission: 'announcement.read',
  },
  { key: 'approvals', path: '/approvals', icon: <AuditOutlined />, permission: 'approval.use' },
] as const satisfies readonly { key: string; path: string; icon: ReactNode; permission: Permission }[];

/** Modules that exist in the menu already but whose screens come in later releases. */
export const UPCOMING_MODULES = [
  { key: 'external', path: '/external', icon: <GlobalOutlined /> },
  { key: 'complaints', path: '/complaints', icon: <CustomerServiceOutlined /> },
  { key: 'meetings', path: '/meetings', icon: <CalendarOutlined /> },
  { key: 'feedback', path: '/feedback', icon: <BulbOutlined /> },
  { key: 'reports', path: '/reports', icon: <BarChartOutlined /> },
] as const;

export type UpcomingModule = (typeof UPCOMING_MODULES)[number]['key'];

/**
 * 任务与协作: tasks, department requests and the notification inbox. `permission: null` is every
 * employee's (the inbox); the server checks each call too.
 */
export const WORK_ITEMS = [
  { key: 'tasks', path: '/tasks', icon: <CarryOutOutlined />, permission: 'task.use' },
  { key: 'taskBoard', path: '/tasks/board', icon: <ProjectOutlined />, permission: 'task.use' },
  { key: 'taskCalendar', path: '/tasks/calendar', icon: <ScheduleOutlined />, permission: 'task.use' },
  { key: 'requests', path: '/requests', icon: <InteractionOutlined />, permission: 'request.use' },
  { key: 'requestReport', path: '/requests/report', icon: <FundOutlined />, permission: 'request.read' },
  { key: 'notifications', path: '/notifications', icon: <BellOutlined />, permission: null },
] as const satisfies readonly {
  key: string;
  path: string;
  icon: ReactNode;
  permission: Permission | null;
}[];

export type WorkScreen = (typeof WORK_ITEMS)[number]['key'];

/** 系统设置: company-wide configuration, each behind its own permission. */
export const SYSTEM_ITEMS = [
  {
    key: 'workCalendar',
    path: '/admin/calendar',
    icon: <FieldTimeOutlined />,
    permission: 'calendar.manage',
  },
  {
    key: 'notificationDeliveries',
    path: '/admin/notifications',
    icon: <SendOutlined />,
    permission: 'notification.manage',
  },
  {
    key: 'approvalTemplates',
    path: '/admin/approvals',
    icon: <NodeIndexOutlined />,
    permission: 'approval.manage',
  },
  {
    key: 'announcementCategories',
    path: '/admin/announcement-categories',
    icon: <TagsOutlined />,
    permission: 'announcement.manage',
  },
] as const satisfies readonly { key: string; path: string; icon: ReactNode; permission: Permission }[];

export type SystemScreen = (typeof SYSTEM_ITEMS)[number]['key'];

/** 组织与权限: each screen with the permission that unlocks it (the server enforces it too). */
export const ORGANISATION_ITEMS = [
  { key: 'users', path: '/org/users', icon: <UserOutlined />, permission: 'user.read' },
  { key: 'departments', path: '/org/departments', icon: <ApartmentOutlined />, permission: 'directory.read' },
  { key: 'teams', path: '/org/teams', icon: <TeamOutlined />, permission: 'directory.read' },
  { key: 'roles', path: '/org/roles', icon: <SafetyCertificateOutlined />, permission: 'role.read' },
  { key: 'audit', path: '/org/audit', icon: <FileSearchOutlined />, permission: 'audit.read' },
] as const satisfies readonly { key: string; path: string; icon: ReactNode; permission: Permission }[];

export type OrganisationScreen = (typeof ORGANISATION_ITEMS)[number]['key'];

/** 合规: shown to whoever holds any of the listed permissions; each section checks its own. */
export const COMPLIANCE_ITEMS = [
  {
    key: 'controlReview',
    path: '/compliance/review',
    icon: <FileProtectOutlined />,
    anyOf: ['control.review'],
  },
  {
    key: 'externalRecords',
    path: '/compliance/records',
    icon: <ProfileOutlined />,
    anyOf: ['control.review'],
  },
  { key: 'anomalyAlerts', path: '/compliance/alerts', icon: <AlertOutlined />, anyOf: ['control.review'] },
  {
    key: 'controlPolicies',
    path: '/compliance/policies',
    icon: <ControlOutlined />,
    anyOf: ['control.manage'],
  },
  {
    key: 'controlDetectors',
    path: '/compliance/detectors',
    icon: <ScanOutlined />,
    anyOf: ['control.manage'],
  },
  {
    key: 'retention',
    path: '/compliance/retention',
    icon: <SafetyOutlined />,
    anyOf: ['retention.manage', 'message.audit'],
  },
] as const satisfies readonly { key: string; path: string; icon: ReactNode; anyOf: readonly Permission[] }[];

export type ComplianceScreen = (typeof COMPLIANCE_ITEMS)[number]['key'];

export const DASHBOARD_ITEM = { key: 'dashboard', path: '/', icon: <DashboardOutlined /> } as const;

export function pathOf(key: OrganisationScreen): string {
  return ORGANISATION_ITEMS.find((item) => item.key === key)?.path ?? '/';
}
