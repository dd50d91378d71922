import type { OnTimeQuery, TeamListQuery } from '@liaison/contracts';
import type { AnnouncementFilters, ReminderTarget } from './announcements.ts';
import type { ApprovalFilters } from './approvals.ts';
import type { AuditFilters } from './audit.ts';
import type { AlertFilters, ControlEventFilters, ExternalRecordFilters } from './control.ts';
import type { DirectoryParams } from './directory.ts';
import type { SearchParams } from './messages.ts';
import type { DeliveryFilters, NotificationFilters } from './notifications.ts';
import type { RequestFilters } from './requests.ts';
import type { TaskFilters } from './tasks.ts';
import type { UserListParams } from './users.ts';

/** Query keys in one place so a mutation can invalidate exactly what it changed. */
export const queryKeys = {
  me: ['me'] as const,
  profile: ['profile'] as const,
  sessions: ['sessions'] as const,
  tokens: ['tokens'] as const,
  users: {
    all: ['users'] as const,
    list: (params: UserListParams) => ['users', 'list', params] as const,
    search: (q: string) => ['users', 'search', q] as const,
    detail: (id: string) => ['users', 'detail', id] as const,
    personal: (id: string) => ['users', 'personal', id] as const,
    signInThrottle: (id: string) => ['users', 'sign-in-throttle', id] as const,
  },
  /** 通讯录 searches (employees by name, pinyin or initials). */
  directory: (params: DirectoryParams) => ['directory', params] as const,
  departments: ['departments'] as const,
  teams: {
    all: ['teams'] as const,
    list: (query: TeamListQuery) => ['teams', 'list', query] as const,
    detail: (id: string) => ['teams', 'detail', id] as const,
  },
  roles: ['roles'] as const,
  audit: {
    all: ['audit'] as const,
    list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
    latest: ['audit', 'latest'] as const,
  },
  channels: {
    all: ['channels'] as const,
    list: ['channels', 'list'] as const,
    /** Every channel of the company (compliance officers), apart from the reader's own live list. */
    company: ['channels', 'company'] as const,
    detail: (id: string) => ['channels', 'detail', id] as const,
    members: (id: string) => ['channels', 'members', id] as const,
    namingRules: ['channels', 'naming-rules'] as const,
  },
  /** Everything under ['messages', channelId] belongs to one channel, so it can be dropped at once. */
  messages: {
    all: ['messages'] as const,
    channel: (channelId: string) => ['messages', channelId] as const,
    /** The main timeline; `anchor` is the seq a deep link opened it around (null: the latest). */
    timeline: (channelId: string, anchor: number | null) =>
      ['messages', channelId, 'timeline', anchor ?? 'latest'] as const,
    /** One message fetched on its own (a thread root not in the loaded timeline). */
    one: (channelId: string, messageId: string) => ['messages', channelId, 'one', messageId] as const,
    thread: (channelId: string, rootId: string) => ['messages', channelId, 'thread', rootId] as const,
    pinned: (channelId: string) => ['messages', channelId, 'pinned'] as const,
    history: (channelId: string, messageId: string) => ['messages', channelId, 'history', messageId] as const,
    /** The reader's own messages held by a communication policy (GET /channels/:id/held). */
    held: (channelId: string) => ['messages', channelId, 'held'] as const,
  },
  search: (params: SearchParams) => ['search', params] as const,
  counterparties: ['counterparties'] as const,
  counterpartyContacts: (id: string) => ['counterparties', id, 'contacts'] as const,
  control: {
    all: ['control'] as const,
    detectors: ['control', 'detectors'] as const,
    policies: ['control', 'policies'] as const,
    events: ['control', 'events'] as const,
    eventList: (filters: ControlEventFilters, page: number, pageSize: number) =>
      ['control', 'events', 'list', filters, page, pageSize] as const,
    event: (id: string) => ['control', 'events', 'detail', id] as const,
    /** How many held messages wait for a decision (the menu badge). */
    pendingCount: ['control', 'events', 'pending-count'] as const,
    records: (filters: ExternalRecordFilters, page: number, pageSize: number) =>
      ['control', 'records', filters, page, pageSize] as const,
    alerts: ['control', 'alerts'] as const,
    alertList: (filters: AlertFilters, page: number, pageSize: number) =>
      ['control', 'alerts', filters, page, pageSize] as const,
  },
  /** Everything under ['tasks'] is dropped when a task changes (task.changed, a save). */
  tasks: {
    all: ['tasks'] as const,
    lists: ['tasks', 'list'] as const,
    list: (filters: TaskFilters, page: number, pageSize: number) =>
      ['tasks', 'list', filters, page, pageSize] as const,
    detail: (id: string) => ['tasks', 'detail', id] as const,
  },
  requests: {
    all: ['requests'] as const,
    lists: ['requests', 'list'] as const,
    list: (filters: RequestFilters, page: number, pageSize: number) =>
      ['requests', 'list', filters, page, pageSize] as const,
    detail: (id: string) => ['requests', 'detail', id] as const,
    report: (from: string, to: string) => ['requests', 'report', from, to] as const,
    settings: ['requests', 'settings'] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    unread: ['notifications', 'unread'] as const,
    lists: ['notifications', 'list'] as const,
    list: (filters: NotificationFilters, page: number, pageSize: number) =>
      ['notifications', 'list', filters, page, pageSize] as const,
    preferences: ['notifications', 'preferences'] as const,
    webhooks: ['notifications', 'webhooks'] as const,
    deliveries: ['notifications', 'deliveries'] as const,
    deliveryList: (filters: DeliveryFilters, page: number, pageSize: number) =>
      ['notifications', 'deliveries', filters, page, pageSize] as const,
  },
  /** Everything under ['announcements'] is dropped on announcement.changed (a publication, a correction). */
  announcements: {
    all: ['announcements'] as const,
    categories: ['announcements', 'categories'] as const,
    lists: ['announcements', 'list'] as const,
    list: (filters: AnnouncementFilters, page: number, pageSize: number) =>
      ['announcements', 'list', filters, page, pageSize] as const,
    detail: (id: string) => ['announcements', 'detail', id] as const,
    stats: (id: string) => ['announcements', 'stats', id] as const,
    notRead: (
      id: string,
      which: ReminderTarget,
      departmentId: string | null,
      page: number,
      pageSize: number,
    ) => ['announcements', 'stats', id, 'not-read', which, departmentId, page, pageSize] as const,
    onTime: (query: OnTimeQuery) => ['announcements', 'on-time', query] as const,
    audience: (audience: unknown) => ['announcements', 'audience', audience] as const,
  },
  /** Everything under ['approvals'] is dropped on approval.changed. */
  approvals: {
    all: ['approvals'] as const,
    lists: ['approvals', 'list'] as const,
    list: (filters: ApprovalFilters, page: number, pageSize: number) =>
      ['approvals', 'list', filters, page, pageSize] as const,
    detail: (id: string) => ['approvals', 'detail', id] as const,
    delegations: ['approvals', 'delegations'] as const,
    templates: ['approvals', 'templates'] as const,
  },
  calendar: {
    all: ['calendar'] as const,
    year: (year: number) => ['calendar', year] as const,
  },
  retention: {
    policies: ['retention', 'policies'] as const,
    holds: ['retention', 'holds'] as const,
    archives: (query: { channelId?: string; month?: string }) => ['retention', 'archives', query] as const,
  },
};
