/**
 * The server's catalogue: one file pair per area (`<area>.zh-CN.ts` defines the keys, `<area>.en-US.ts`
 * is typed against it). A module adds its area here, under a key named after the module.
 */
import type { Catalogue } from '../catalogue-types.ts';
import { announcementsEnUS } from './announcements.en-US.ts';
import { announcementsZhCN } from './announcements.zh-CN.ts';
import { approvalsEnUS } from './approvals.en-US.ts';
import { approvalsZhCN } from './approvals.zh-CN.ts';
import { authEnUS } from './auth.en-US.ts';
import { authZhCN } from './auth.zh-CN.ts';
import { calendarEnUS } from './calendar.en-US.ts';
import { calendarZhCN } from './calendar.zh-CN.ts';
import { channelsEnUS } from './channels.en-US.ts';
import { channelsZhCN } from './channels.zh-CN.ts';
import { commonEnUS } from './common.en-US.ts';
import { commonZhCN } from './common.zh-CN.ts';
import { controlEnUS } from './control.en-US.ts';
import { controlZhCN } from './control.zh-CN.ts';
import { counterpartiesEnUS } from './counterparties.en-US.ts';
import { counterpartiesZhCN } from './counterparties.zh-CN.ts';
import { departmentsEnUS } from './departments.en-US.ts';
import { departmentsZhCN } from './departments.zh-CN.ts';
import { messagesEnUS } from './messages.en-US.ts';
import { messagesZhCN } from './messages.zh-CN.ts';
import { notificationsEnUS } from './notifications.en-US.ts';
import { notificationsZhCN } from './notifications.zh-CN.ts';
import { requestsEnUS } from './requests.en-US.ts';
import { requestsZhCN } from './requests.zh-CN.ts';
import { retentionEnUS } from './retention.en-US.ts';
import { retentionZhCN } from './retention.zh-CN.ts';
import { rolesEnUS } from './roles.en-US.ts';
import { rolesZhCN } from './roles.zh-CN.ts';
import { tasksEnUS } from './tasks.en-US.ts';
import { tasksZhCN } from './tasks.zh-CN.ts';
import { teamsEnUS } from './teams.en-US.ts';
import { teamsZhCN } from './teams.zh-CN.ts';
import { usersEnUS } from './users.en-US.ts';
import { usersZhCN } from './users.zh-CN.ts';

export const zhCN = {
  ...commonZhCN,
  announcements: announcementsZhCN,
  approvals: approvalsZhCN,
  auth: authZhCN,
  calendar: calendarZhCN,
  channels: channelsZhCN,
  control: controlZhCN,
  counterparties: counterpartiesZhCN,
  departments: departmentsZhCN,
  messages: messagesZhCN,
  notifications: notificationsZhCN,
  requests: requestsZhCN,
  retention: retentionZhCN,
  roles: rolesZhCN,
  tasks: tasksZhCN,
  teams: teamsZhCN,
  users: usersZhCN,
};

export type Messages = typeof zhCN;

export const enUS: Catalogue<Messages> = {
  ...commonEnUS,
  announcements: announcementsEnUS,
  approvals: approvalsEnUS,
  auth: authEnUS,
  calendar: calendarEnUS,
  channels: channelsEnUS,
  control: controlEnUS,
  counterparties: counterpartiesEnUS,
  departments: departmentsEnUS,
  messages: messagesEnUS,
  notifications: notificationsEnUS,
  requests: requestsEnUS,
  retention: retentionEnUS,
  roles: rolesEnUS,
  tasks: tasksEnUS,
  teams: teamsEnUS,
  users: usersEnUS,
};
