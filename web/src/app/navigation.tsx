import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BulbOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  MessageOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScanOutlined,
  SearchOutlined,
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

/** Modules that exist in the menu already but whose screens come in later releases. */
export const UPCOMING_MODULES = [
  { key: 'announcements', path: '/announcements', icon: <NotificationOutlined /> },
  { key: 'tasks', path: '/tasks', icon: <CarryOutOutlined /> },
  { key: 'approvals', path: '/approvals', icon: <AuditOutlined /> },
  { key: 'external', path: '/external', icon: <GlobalOutlined /> },
  { key: 'complaints', path: '/complaints', icon: <CustomerServiceOutlined /> },
  { key: 'meetings', path: '/meetings', icon: <CalendarOutlined /> },
  { key: 'feedback', path: '/feedback', icon: <BulbOutlined /> },
  { key: 'reports', path: '/reports', icon: <BarChartOutlined /> },
] as const;

export type UpcomingModule = (typeof UPCOMING_MODULES)[number]['key'];

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
