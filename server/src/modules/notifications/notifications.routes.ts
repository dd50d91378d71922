import {
  CreateWebhookRequest,
  Delivery,
  DeliveryListQuery,
  DeliveryPage,
  IdParams,
  MarkNotificationsReadRequest,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
  UpdatePreferencesRequest,
  UpdateWebhookRequest,
  Webhook,
  WebhookList,
} from '@liaison/contracts';
import { requestLocale } from '../../platform/http/error-handler.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { DeliveriesService } from './deliveries.service.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { WebhooksService } from './webhooks.service.ts';

export function notificationsRoutes(
  app: App,
  notifications: NotificationsService,
  webhooks: WebhooksService,
  deliveries: DeliveriesService,
): void {
  const tags = ['notifications'];
  const own = { access: { authenticated: true } } as const;
  const admin = { access: { permission: 'notification.manage' } } as const;

  app.get(
    '/api/notifications',
    {
      config: own,
      schema: {
        operationId: 'listNotifications',
        summary: "One's notification inbox",
        tags,
        querystring: NotificationListQuery,
        response: { 200: NotificationPage },
      },
    },
    (request) => notifications.list(actorContext(request), request.query, requestLocale(request)),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: own,
      schema: {
        operationId: 'countUnreadNotifications',
        summary: 'How many notifications are unread',
        tags,
        response: { 200: UnreadCount },
      },
    },
    async (request) => ({ unread: await notifications.unreadCount(actorContext(request)) }),
  );

  app.post(
    '/api/notifications/read',
    {
      config: own,
      schema: {
        operationId: 'markNotificationsRead',
        summary: 'Mark notifications read',
        tags,
        body: MarkNotificationsReadRequest,
        response: { 200: UnreadCount },
      },
    },
    async (request) => ({ unread: await notifications.markRead(actorContext(request), request.body.ids) }),
  );

  app.get(
    '/api/notifications/preferences',
    {
      config: own,
      schema: {
        operationId: 'getNotificationPreferences',
        summary: "One's notification preferences",
        tags,
        response: { 200: NotificationPreferences },
      },
    },
    (request) => notifications.preferences(actorContext(request)),
  );

  app.put(
    '/api/notifications/preferences',
    {
      config: own,
      schema: {
        operationId: 'setNotificationPreferences',
        summary: "Set one's notification preferences",
        tags,
        body: UpdatePreferencesRequest,
        response: { 200: NotificationPreferences },
      },
    },
    (request) => notifications.updatePreferences(actorContext(request), request.body),
  );

  app.get(
    '/api/notifications/webhooks',
    {
      config: admin,
      schema: {
        operationId: 'listWebhooks',
        summary: 'List webhooks and robots',
        tags,
        response: { 200: WebhookList },
      },
    },
    async () => ({ items: await webhooks.list() }),
  );

  app.post(
    '/api/notifications/webhooks',
    {
      config: admin,
      schema: {
        operationId: 'createWebhook',
        summary: 'Add a webhook or a WeCom, DingTalk or Feishu robot',
        tags,
        body: CreateWebhookRequest,
        response: { 201: Webhook },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await webhooks.create(actorContext(request), request.body)),
  );

  app.patch(
    '/api/notifications/webhooks/:id',
    {
      config: admin,
      schema: {
        operationId: 'updateWebhook',
        summary: 'Update a webhook',
        tags,
        params: IdParams,
        body: UpdateWebhookRequest,
        response: { 200: Webhook },
      },
    },
    (request) => webhooks.update(actorContext(request), request.params.id, request.body),
  );

  app.delete(
    '/api/notifications/webhooks/:id',
    {
      config: admin,
      schema: { operationId: 'deleteWebhook', summary: 'Delete a webhook', tags, params: IdParams },
    },
    async (request, reply) => {
      await webhooks.remove(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/notifications/webhooks/:id/test',
    {
      config: admin,
      schema: {
        operationId: 'testWebhook',
        summary: 'Send a test notice to a webhook',
        tags,
        params: IdParams,
      },
    },
    async (request, reply) => {
      await webhooks.test(actorContext(request), request.params.id);
      return reply.code(202).send({ queued: true });
    },
  );

  app.get(
    '/api/notifications/deliveries',
    {
      config: admin,
      schema: {
        operationId: 'listDeliveries',
        summary: 'The email and webhook outbox',
        tags,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryPage },
      },
    },
    (request) => deliveries.list(request.query),
  );

  app.post(
    '/api/notifications/deliveries/:id/resend',
    {
      config: admin,
      schema: {
        operationId: 'resendDelivery',
        summary: 'Resend a dead-lettered delivery',
        tags,
        params: IdParams,
        response: { 200: Delivery },
      },
    },
    (request) => deliveries.resend(actorContext(request), request.params.id),
  );
}
