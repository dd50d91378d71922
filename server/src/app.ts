import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { announcementsRoutes } from './modules/announcements/announcements.routes.ts';
import { approvalsRoutes } from './modules/approvals/approvals.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { SESSION_COOKIE } from './modules/auth/auth.service.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { channelsRoutes } from './modules/channels/channels.routes.ts';
import { controlRoutes } from './modules/control/control.routes.ts';
import { counterpartiesRoutes } from './modules/counterparties/counterparties.routes.ts';
import { departmentsRoutes } from './modules/departments/departments.routes.ts';
import { messagesRoutes } from './modules/messages/messages.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { realtimeRoutes } from './modules/realtime/realtime.routes.ts';
import { requestsRoutes } from './modules/requests/requests.routes.ts';
import { retentionRoutes } from './modules/retention/retention.routes.ts';
import { rolesRoutes } from './modules/roles/roles.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { webRoutes } from './modules/system/web.routes.ts';
import { tasksRoutes } from './modules/tasks/tasks.routes.ts';
import { teamsRoutes } from './modules/teams/teams.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config/config.ts';
import type { Database } from './platform/db/database.ts';
import type { RouteAccess } from './platform/http/access-control.ts';
import { type App, contextOf, createHttpServer } from './platform/http/server.ts';
import { createServices, type Infrastructure, type ServiceConfig, type Services } from './services.ts';

export const VERSION: string = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
).version;

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface AppOptions {
  config: ServiceConfig &
    Pick<Config, 'bodyLimit' | 'trustProxy' | 'cookieSecure' | 'logLevel' | 'publicUrl' | 'metricsToken'> &
    Partial<Pick<Config, 'logFormat'>>;
  database: Database;
  clock?: Clock;
  infra?: Infrastructure;
  /** Serve the built web client from this folder (default web/dist); false to serve the API only. */
  webDist?: string | false;
}

/** Builds the whole application on an open, migrated database; `listen` is the caller's choice. */
export async function buildApp(
  options: AppOptions,
): Promise<{ app: App; services: Services; routes: RouteAccess[] }> {
  const { config, database } = options;
  const services = createServices(database, config, options.clock ?? systemClock, options.infra);
  const authenticate = (request: FastifyRequest) => services.auth.authenticate(credentialsOf(request));

  const { app, metrics, routes } = await createHttpServer({
    logger:
      config.logLevel === 'silent' ? false : { level: config.logLevel, format: config.logFormat ?? 'json' },
    bodyLimit: config.bodyLimit,
    uploadLimit: config.messaging.attachmentMaxBytes,
    trustProxy: config.trustProxy,
    cookieSecure: config.cookieSecure,
    version: VERSION,
    authenticate,
    csrfTokenFor: (sessionId) => services.auth.csrfTokenFor(sessionId),
    onDenied: (request, reason) =>
      services.audit.record(database.db, contextOf(request), {
        action: 'security.denied',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url}`,
        summary: { reason },
      }),
  });

  authRoutes(app, services, { secure: config.cookieSecure });
  usersRoutes(app, services.users, services.userLists, services.personal);
  departmentsRoutes(app, services.departments);
  teamsRoutes(app, services.teams);
  rolesRoutes(app, services.roles);
  auditRoutes(app, services.audit);
  counterpartiesRoutes(app, services.counterparties, services.userLists);
  channelsRoutes(app, services.channels);
  messagesRoutes(app, services.messages, services.attachments);
  controlRoutes(app, services);
  retentionRoutes(app, services.retention);
  calendarRoutes(app, services.calendar);
  notificationsRoutes(app, services.notifications, services.webhooks, services.deliveries);
  tasksRoutes(app, services.tasks, services.taskReplies, config.messaging.attachmentMaxBytes);
  requestsRoutes(app, services.requests, services.requestSla);
  approvalsRoutes(app, {
    approvals: services.approvals,
    queries: services.approvalQueries,
    templates: services.approvalTemplates,
    delegations: services.approvalDelegations,
  });
  announcementsRoutes(
    app,
    {
      announcements: services.announcements,
      categories: services.announcementCategories,
      drafts: services.announcementDrafts,
      publishing: services.announcementPublishing,
      receipts: services.announcementReceipts,
      reminders: services.announcementReminders,
    },
    config.messaging.attachmentMaxBytes,
  );
  await realtimeRoutes(app, { hub: services.hub, authenticate, publicUrl: config.publicUrl });
  systemRoutes(app, {
    database,
    metrics,
    metricsToken: config.metricsToken,
    version: VERSION,
    bus: services.bus,
    realtime: () => services.hub.metrics,
    eventPumpSeq: () => services.pump.lastSeq,
  });
  if (options.webDist !== false) await webRoutes(app, options.webDist ?? WEB_DIST);

  return { app, services, routes };
}

function credentialsOf(request: FastifyRequest) {
  const header = request.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  return { bearerToken: bearer || undefined, sessionToken: request.cookies[SESSION_COOKIE] };
}
