import type { Kysely, Transaction } from 'kysely';
import type { AnnouncementsTables } from '../../modules/announcements/announcements.tables.ts';
import type { ApprovalsTables } from '../../modules/approvals/approvals.tables.ts';
import type { AuditTables } from '../../modules/audit/audit.tables.ts';
import type { AuthTables } from '../../modules/auth/auth.tables.ts';
import type { CalendarTables } from '../../modules/calendar/calendar.tables.ts';
import type { ChannelsTables } from '../../modules/channels/channels.tables.ts';
import type { ControlTables } from '../../modules/control/control.tables.ts';
import type { CounterpartiesTables } from '../../modules/counterparties/counterparties.tables.ts';
import type { DepartmentsTables } from '../../modules/departments/departments.tables.ts';
import type { MessagesTables } from '../../modules/messages/messages.tables.ts';
import type { NotificationsTables } from '../../modules/notifications/notifications.tables.ts';
import type { RequestsTables } from '../../modules/requests/requests.tables.ts';
import type { RetentionTables } from '../../modules/retention/retention.tables.ts';
import type { RolesTables } from '../../modules/roles/roles.tables.ts';
import type { TasksTables } from '../../modules/tasks/tasks.tables.ts';
import type { TeamsTables } from '../../modules/teams/teams.tables.ts';
import type { UsersTables } from '../../modules/users/users.tables.ts';
import type { EventsTables } from '../events/events.tables.ts';
import type { JobsTables } from '../jobs/jobs.tables.ts';
import type { NumberingTables } from '../numbering/numbering.tables.ts';
import type { SettingsTables } from '../settings/settings.ts';

/** The whole schema as Kysely sees it; each module declares (and owns) its own tables. */
export interface DB
  extends UsersTables,
    AuthTables,
    DepartmentsTables,
    TeamsTables,
    RolesTables,
    AuditTables,
    CounterpartiesTables,
    ChannelsTables,
    MessagesTables,
    ControlTables,
    RetentionTables,
    EventsTables,
    JobsTables,
    NumberingTables,
    SettingsTables,
    CalendarTables,
    TasksTables,
    RequestsTables,
    NotificationsTables,
    ApprovalsTables,
    AnnouncementsTables {}

/** A connection or an open transaction: repositories accept either. */
export type Executor = Kysely<DB> | Transaction<DB>;
