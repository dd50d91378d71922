import { join } from 'node:path';
import { AnnouncementCategoriesService } from './modules/announcements/announcement-categories.service.ts';
import { AnnouncementDraftsService } from './modules/announcements/announcement-drafts.service.ts';
import { AnnouncementPublishingService } from './modules/announcements/announcement-publishing.service.ts';
import { AnnouncementReceiptsService } from './modules/announcements/announcement-receipts.service.ts';
import { AnnouncementRemindersService } from './modules/announcements/announcement-reminders.service.ts';
import { AnnouncementAccess } from './modules/announcements/announcements.access.ts';
import { AnnouncementsService } from './modules/announcements/announcements.service.ts';
import { ApprovalDelegationsService } from './modules/approvals/approval-delegations.service.ts';
import { ApprovalQueriesService } from './modules/approvals/approval-queries.service.ts';
import { ApprovalSubjects } from './modules/approvals/approval-subjects.ts';
import { ApprovalTemplatesService } from './modules/approvals/approval-templates.service.ts';
import { ApprovalsService } from './modules/approvals/approvals.service.ts';
import { ApproverResolver } from './modules/approvals/approver-resolver.ts';
import { AudiencesService } from './modules/audiences/audiences.service.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { LoginThrottle } from './modules/auth/login-throttle.ts';
import { TokensService } from './modules/auth/tokens.service.ts';
import { CalendarService } from './modules/calendar/calendar.service.ts';
import { CalendarYearsService } from './modules/calendar/calendar-years.service.ts';
import { ChannelsService } from './modules/channels/channels.service.ts';
import { AnomaliesService } from './modules/control/anomalies.service.ts';
import type { ControlDirectory } from './modules/control/control-directory.ts';
import { ControlGate } from './modules/control/gate.service.ts';
import { PoliciesService } from './modules/control/policies.service.ts';
import { RecordsService } from './modules/control/records.service.ts';
import { ReviewService } from './modules/control/review.service.ts';
import { CounterpartiesService } from './modules/counterparties/counterparties.service.ts';
import { departmentNames } from './modules/departments/department-names.ts';
import { DepartmentsService } from './modules/departments/departments.service.ts';
import { AttachmentsService } from './modules/messages/attachments.service.ts';
import { MessagesService } from './modules/messages/messages.service.ts';
import { DeliveriesService } from './modules/notifications/deliveries.service.ts';
import { disabledMailer, type Mailer, SmtpMailer } from './modules/notifications/mailer.ts';
import { NotificationsService } from './modules/notifications/notifications.service.ts';
import { OutboxWorker } from './modules/notifications/outbox.worker.ts';
import { WebhooksService } from './modules/notifications/webhooks.service.ts';
import { ChannelAudience } from './modules/realtime/audience.ts';
import { RealtimeHub } from './modules/realtime/hub.ts';
import { RequestAccess } from './modules/requests/request-access.ts';
import { RequestEscalationsService } from './modules/requests/request-escalations.service.ts';
import { RequestSlaService } from './modules/requests/request-sla.service.ts';
import { RequestsService } from './modules/requests/requests.service.ts';
import { RetentionService } from './modules/retention/retention.service.ts';
import { RolesService } from './modules/roles/roles.service.ts';
import { TaskAccess } from './modules/tasks/task-access.ts';
import { TaskRemindersService } from './modules/tasks/task-reminders.service.ts';
import { TaskRepliesService } from './modules/tasks/task-replies.service.ts';
import { TasksService } from './modules/tasks/tasks.service.ts';
import { TeamsService } from './modules/teams/teams.service.ts';
import { PersonalService } from './modules/users/personal.service.ts';
import { userContacts } from './modules/users/user-contacts.ts';
import { UserListsService } from './modules/users/user-lists.service.ts';
import { UserLookupService } from './modules/users/user-lookup.service.ts';
import { UserRecords } from './modules/users/user-records.ts';
import { UsersService } from './modules/users/users.service.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config/config.ts';
import { FieldCipher } from './platform/crypto/keys.ts';
import type { Database } from './platform/db/database.ts';
import { GroupCommit } from './platform/db/group-commit.ts';
import { type EventBus, InProcessBus, RedisBus } from './platform/events/bus.ts';
import { EventLog } from './platform/events/event-log.ts';
import { EventPump } from './platform/events/event-pump.ts';
import { JobQueue } from './platform/jobs/job-queue.ts';
import { LocalBlobStore } from './platform/storage/blob-store.ts';

export type ServiceConfig = Pick<
  Config,
  'secretKey' | 'session' | 'login' | 'timeZone' | 'dataDir' | 'redisUrl' | 'messaging' | 'notifications'
>;

export interface Infrastructure {
  /** Defaults to Redis when REDIS_URL is set, else in-process. */
  bus?: EventBus;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Defaults to SMTP when configured, else no email. */
  mailer?: Mailer;
  /** Parse every appended client event against the contract (the test suite turns this on). */
  validateEvents?: boolean;
}

/** Every service, wired once. Routes, the CLI, jobs and tests all start from here. */
export function createServices(
  database: Database,
  config: ServiceConfig,
  clock: Clock,
  infra: Infrastructure = {},
) {
  const { db, dialect } = database;
  const bus = infra.bus ?? (config.redisUrl ? new RedisBus(config.redisUrl) : new InProcessBus());
  const events = new EventLog({ db, dialect, clock, bus, validate: infra.validateEvents });
  const jobs = new JobQueue({ db, dialect, clock, timeZone: config.timeZone, log: infra.log });
  const blobs = new LocalBlobStore(join(config.dataDir, 'blobs'));

  // Who people are, for the modules below users (audit, roles, departments, counterparties):
  // they take it as their own small interface, so none of them imports the users module.
  const userLookup = new UserLookupService({ db });
  const audit = new AuditService({
    db,
    actors: userLookup,
    dialect,
    clock,
    secretKey: config.secretKey,
    timeZone: config.timeZone,
  });
  // Personal data and what communication control caught are sealed with it.
  const cipher = new FieldCipher(config.secretKey);
  const roles = new RolesService({ db, dialect, clock, audit, holders: userLookup });
  const departments = new DepartmentsService({ db, dialect, clock, audit, events, people: userLookup });
  const counterparties = new CounterpartiesService({ db, clock, audit, contacts: userLookup });
  const userRecords = new UserRecords({ departments, counterparties });
  const users = new UsersService({
    db,
    clock,
    audit,
    roles,
    departments,
    counterparties,
    records: userRecords,
    events,
  });
  const userLists = new UserListsService({
    db,
    clock,
    audit,
    roles,
    departments,
    counterparties,
    records: userRecords,
    timeZone: config.timeZone,
  });
  const personal = new PersonalService({ db, clock, audit, roles, records: userRecords, cipher });
  const teams = new TeamsService({ db, clock, audit, departments, events, people: userLookup });
  // Channels read people, departments, teams and counterparties through their services.
  const channels = new ChannelsService({
    db,
    dialect,
    clock,
    audit,
    events,
    directory: {
      people: (q, ids) => userLookup.profiles(q, ids),
      departments: (q, ids) => departments.byIds(q, ids),
      teams: (q, ids) => teams.factsOf(q, ids),
      counterpartyNames: (q, ids) => counterparties.namesOf(q, ids),
    },
  });
  // A deleted department's group is archived in the same transaction (channels sit above departments).
  departments.onRemove((trx, departmentId) => channels.archiveFor(trx, { departmentId }));
  teams.onRemove((trx, teamId) => channels.archiveFor(trx, { teamId }));
  const tokens = new TokensService({ db, clock, audit, events });

  // What communication control shows and checks of people, channels, departments and counterparties.
  const controlDirectory: ControlDirectory = {
    people: (q, ids) => users.refs(q, ids),
    channels: async (q, ids) =>
      new Map([...(await channels.byIds(q, ids))].map(([id, c]) => [id, { name: c.name, kind: c.kind }])),
    departmentPaths: (q, ids) => departments.pathsOf(q, ids),
    counterpartyNames: (q, ids) => counterparties.namesOf(q, ids),
  };
  const policies = new PoliciesService({ db, clock, audit, channels, directory: controlDirectory });
  const control = new ControlGate({ db, clock, audit, policies, cipher });
  const review = new ReviewService({
    db,
    clock,
    audit,
    events,
    channels,
    directory: controlDirectory,
    cipher,
  });
  const messages = new MessagesService({
    db,
    dialect,
    clock,
    audit,
    events,
    channels,
    people: users,
    writes: GroupCommit.for(db, dialect),
    control,
    review,
    editWindowMinutes: config.messaging.editWindowMinutes,
    cipher,
  });
  review.setMessages(messages.heldPort());
  channels.setMentions(messages);
  const attachments = new AttachmentsService({
    db,
    clock,
    blobs,
    channels,
    review,
    maxBytes: config.messaging.attachmentMaxBytes,
  });
  const records = new RecordsService({
    db,
    clock,
    audit,
    timeZone: config.timeZone,
    directory: controlDirectory,
  });
  const anomalies = new AnomaliesService({
    db,
    clock,
    audit,
    jobs,
    timeZone: config.timeZone,
    directory: controlDirectory,
  });
  const retention = new RetentionService({
    db,
    dialect,
    clock,
    audit,
    blobs,
    jobs,
    events,
    messages,
    channels,
    people: users,
    timeZone: config.timeZone,
    eventRetentionDays: config.messaging.eventRetentionDays,
    cipher,
  });

  const calendar = new CalendarService({ db, dialect, clock, audit, timeZone: config.timeZone });
  const mailer =
    infra.mailer ??
    (config.notifications.smtpUrl
      ? new SmtpMailer(config.notifications.smtpUrl, config.notifications.mailFrom)
      : disabledMailer);
  const webhooks = new WebhooksService({ db, clock, audit, cipher, departments: departmentNames });
  const outbox = new OutboxWorker({
    db,
    dialect,
    clock,
    audit,
    mailer,
    webhookTarget: (id) => webhooks.target(id),
    log: infra.log,
  });
  const notifications = new NotificationsService({
    db,
    clock,
    audit,
    events,
    jobs,
    mailer,
    outbox,
    people: userContacts,
    publicUrl: config.notifications.publicUrl,
  });
  const auth = new AuthService({
    db,
    clock,
    audit,
    users,
    roles,
    secretKey: config.secretKey,
    session: config.session,
    throttle: new LoginThrottle(config.login),
    events,
    notifications,
  });
  // Disabling an account or resetting its password ends its sessions and tokens (auth sits above users).
  users.setCredentials(auth);
  webhooks.setNotifications(notifications);
  const calendarYears = new CalendarYearsService({
    db,
    dialect,
    clock,
    audit,
    calendar,
    notifications,
    roles,
    jobs,
    timeZone: config.timeZone,
    log: infra.log,
  });
  review.setNotifications(notifications);
  const deliveries = new DeliveriesService({ db, clock, audit, outbox });
  const taskAccess = new TaskAccess({ db, clock, events, people: userLookup, teams, departments });
  const taskReminders = new TaskRemindersService({
    db,
    dialect,
    clock,
    notifications,
    calendar,
    jobs,
    teams,
  });
  const taskReplies = new TaskRepliesService({
    db,
    clock,
    audit,
    notifications,
    blobs,
    access: taskAccess,
    reminders: taskReminders,
    people: userLookup,
    maxFileBytes: config.messaging.attachmentMaxBytes,
  });
  const tasks = new TasksService({
    db,
    dialect,
    clock,
    audit,
    notifications,
    calendar,
    channels,
    messages,
    teams,
    departments,
    access: taskAccess,
    reminders: taskReminders,
    replies: taskReplies,
  });
  const requestAccess = new RequestAccess({ db, clock, people: userLookup, departments });
  const requestSla = new RequestSlaService({ db, clock, audit, departments });
  const requestEscalations = new RequestEscalationsService({
    db,
    dialect,
    clock,
    audit,
    notifications,
    calendar,
    jobs,
    roles,
    access: requestAccess,
    firstResponseHours: async () => (await requestSla.settings()).firstResponseHours,
  });
  const requests = new RequestsService({
    db,
    dialect,
    clock,
    audit,
    notifications,
    calendar,
    departments,
    people: userLookup,
    access: requestAccess,
    escalations: requestEscalations,
    sla: requestSla,
  });
  // The approval engine and its parts: subjects registered by modules, approvers resolved through
  // the organisation's services, reading, templates and delegations.
  const approvalSubjects = new ApprovalSubjects();
  const approvalQueries = new ApprovalQueriesService({ db, users: userLookup, subjects: approvalSubjects });
  const approvals = new ApprovalsService({
    db,
    dialect,
    clock,
    audit,
    events,
    notifications,
    roles,
    users: userLookup,
    subjects: approvalSubjects,
    resolver: new ApproverResolver({ roles, departments, users: userLookup }),
    queries: approvalQueries,
  });
  const approvalTemplates = new ApprovalTemplatesService({ db, clock, audit });
  const approvalDelegations = new ApprovalDelegationsService({ db, clock, audit, users: userLookup });
  const audiences = new AudiencesService({ departments, teams, counterparties, users: userLookup });
  const announcementAccess = new AnnouncementAccess({
    db,
    clock,
    approvals: approvalQueries,
    audiences,
    departments,
    users: userLookup,
  });
  const announcementCategories = new AnnouncementCategoriesService({ db, clock, audit });
  const announcementDrafts = new AnnouncementDraftsService({
    db,
    clock,
    audit,
    departments,
    users: userLookup,
    access: announcementAccess,
  });
  const announcementReminders = new AnnouncementRemindersService({
    db,
    audit,
    notifications,
    calendar,
    access: announcementAccess,
  });
  const announcementPublishing = new AnnouncementPublishingService({
    db,
    dialect,
    clock,
    audit,
    events,
    notifications,
    approvals,
    audiences,
    calendar,
    jobs,
    access: announcementAccess,
    reminders: announcementReminders,
  });
  const announcementReceipts = new AnnouncementReceiptsService({
    db,
    clock,
    calendar,
    departments,
    users: userLookup,
    access: announcementAccess,
  });
  const announcements = new AnnouncementsService({
    db,
    clock,
    blobs,
    maxFileBytes: config.messaging.attachmentMaxBytes,
    audiences,
    departments,
    access: announcementAccess,
  });

  const pump = new EventPump(events, { pollMs: config.messaging.eventPollMs });
  const hub = new RealtimeHub({ log: events, pump, audience: new ChannelAudience(db, channels) });

  return {
    clock,
    audit,
    roles,
    departments,
    counterparties,
    userLookup,
    users,
    userLists,
    personal,
    teams,
    auth,
    tokens,
    channels,
    messages,
    attachments,
    policies,
    control,
    review,
    records,
    anomalies,
    retention,
    calendar,
    calendarYears,
    notifications,
    webhooks,
    deliveries,
    outbox,
    mailer,
    tasks,
    taskReplies,
    taskReminders,
    requests,
    requestEscalations,
    requestSla,
    approvals,
    approvalQueries,
    approvalTemplates,
    approvalDelegations,
    audiences,
    announcements,
    announcementCategories,
    announcementDrafts,
    announcementPublishing,
    announcementReceipts,
    announcementReminders,
    events,
    pump,
    hub,
    jobs,
    bus,
  };
}

export type Services = ReturnType<typeof createServices>;

/** Starts what runs in the background on a serving node: live delivery and the job worker. */
export async function startBackground(services: Services): Promise<void> {
  if (services.bus instanceof RedisBus) await services.bus.ready();
  await services.pump.start();
  services.hub.start();
  services.jobs.start();
  services.outbox.start();
}

export async function stopBackground(services: Services): Promise<void> {
  await services.jobs.stop();
  await services.outbox.stop();
  services.mailer.close();
  await services.hub.stop();
  await services.pump.stop();
  await services.bus.close();
}
