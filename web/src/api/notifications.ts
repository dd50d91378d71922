import type {
  CreateWebhookRequest,
  Delivery,
  DeliveryListQuery,
  DeliveryPage,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  UpdatePreferencesRequest,
  UpdateWebhookRequest,
  Webhook,
} from '@liaison/contracts';
import { request } from './client.ts';

/** 通知: the inbox and its unread count, personal preferences, and (notification.manage) the outbox. */

export type NotificationFilters = Omit<NotificationListQuery, 'page' | 'pageSize'>;

export const listNotifications = (filters: NotificationFilters, page = 1, pageSize = 20) =>
  request<NotificationPage>('/notifications', { query: { ...filters, page, pageSize } });
export const unreadCount = () => request<{ unread: number }>('/notifications/unread-count');
/** These notices, or (no ids) all of the caller's; answers how many are left unread. */
export const markNotificationsRead = (ids?: string[]) =>
  request<{ unread: number }>('/notifications/read', { method: 'POST', body: ids ? { ids } : {} });

export const getPreferences = () => request<NotificationPreferences>('/notifications/preferences');
export const updatePreferences = (body: UpdatePreferencesRequest) =>
  request<NotificationPreferences>('/notifications/preferences', { method: 'PUT', body });

// Webhooks (notification.manage)
export const listWebhooks = () => request<{ items: Webhook[] }>('/notifications/webhooks');
export type NewWebhook = Partial<CreateWebhookRequest> &
  Pick<CreateWebhookRequest, 'name' | 'format' | 'url'>;
export const createWebhook = (body: NewWebhook) =>
  request<Webhook>('/notifications/webhooks', { method: 'POST', body });
export const updateWebhook = (id: string, body: UpdateWebhookRequest) =>
  request<Webhook>(`/notifications/webhooks/${id}`, { method: 'PATCH', body });
export const deleteWebhook = (id: string) =>
  request<void>(`/notifications/webhooks/${id}`, { method: 'DELETE' });
/** Queues a test notice to the webhook (202); its delivery shows up in the outbox. */
export const testWebhook = (id: string) =>
  request<void>(`/notifications/webhooks/${id}/test`, { method: 'POST', body: {} });

// Deliveries (notification.manage)
export type DeliveryFilters = Omit<DeliveryListQuery, 'page' | 'pageSize'>;

export const listDeliveries = (filters: DeliveryFilters, page = 1, pageSize = 20) =>
  request<DeliveryPage>('/notifications/deliveries', { query: { ...filters, page, pageSize } });
export const resendDelivery = (id: string) =>
  request<Delivery>(`/notifications/deliveries/${id}/resend`, { method: 'POST', body: {} });
