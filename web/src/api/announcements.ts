import type {
  Announcement,
  AnnouncementCategory,
  AnnouncementDetail,
  AnnouncementFile as AnnouncementFileSchema,
  AnnouncementListQuery,
  AnnouncementRevision as AnnouncementRevisionSchema,
  AnnouncementStats,
  Audience,
  AudiencePreview as AudiencePreviewSchema,
  CorrectAnnouncementRequest,
  CreateAnnouncementRequest,
  NotReadEntry as NotReadEntrySchema,
  OnTimeQuery,
  OnTimeReport,
  Page,
  SaveCategoryRequest,
  UpdateAnnouncementRequest,
} from '@liaison/contracts';
import type { z } from 'zod';
import { request, requestWithStatus } from './client.ts';

/**
 * 信息发布: categories, the feed and the publisher's list, one announcement with its lifecycle
 * (draft → approval → published → corrected / withdrawn), reading and acknowledging, statistics.
 */

export type AnnouncementFilters = Omit<AnnouncementListQuery, 'page' | 'pageSize'>;
export type AnnouncementFile = z.infer<typeof AnnouncementFileSchema>;
export type AnnouncementRevision = z.infer<typeof AnnouncementRevisionSchema>;
export type AudiencePreview = z.infer<typeof AudiencePreviewSchema>;
export type NotReadEntry = z.infer<typeof NotReadEntrySchema>;
export type ReminderTarget = 'unread' | 'unacknowledged';

export const listCategories = () => request<{ items: AnnouncementCategory[] }>('/announcements/categories');
export const createCategory = (body: SaveCategoryRequest) =>
  request<AnnouncementCategory>('/announcements/categories', { method: 'POST', body });
export const updateCategory = (id: string, body: SaveCategoryRequest) =>
  request<AnnouncementCategory>(`/announcements/categories/${id}`, { method: 'PUT', body });

export const listAnnouncements = (filters: AnnouncementFilters, page = 1, pageSize = 20) =>
  request<Page<Announcement>>('/announcements', { query: { ...filters, page, pageSize } });
export const getAnnouncement = (id: string) => request<AnnouncementDetail>(`/announcements/${id}`);
/** The request as the form sends it, before the server fills in its defaults. */
export type NewAnnouncement = Partial<CreateAnnouncementRequest> &
  Pick<
    CreateAnnouncementRequest,
    'categoryId' | 'title' | 'bodyHtml' | 'publishingDepartmentId' | 'ownerId' | 'effectiveAt' | 'audience'
  >;
export const createAnnouncement = async (body: NewAnnouncement) =>
  (await requestWithStatus<AnnouncementDetail>('/announcements', { method: 'POST', body })).body;
export const updateAnnouncement = (id: string, body: UpdateAnnouncementRequest) =>
  request<AnnouncementDetail>(`/announcements/${id}`, { method: 'PATCH', body });
export const submitAnnouncement = (id: string) =>
  request<AnnouncementDetail>(`/announcements/${id}/submit`, { method: 'POST', body: {} });
export const correctAnnouncement = (id: string, body: CorrectAnnouncementRequest) =>
  request<AnnouncementDetail>(`/announcements/${id}/correct`, { method: 'POST', body });
export const withdrawAnnouncement = (id: string) =>
  request<AnnouncementDetail>(`/announcements/${id}/withdraw`, { method: 'POST', body: {} });

export const markAnnouncementRead = (id: string) =>
  request<{ readAt: string }>(`/announcements/${id}/read`, { method: 'POST', body: {} });
export const acknowledgeAnnouncement = (id: string) =>
  request<{ ackedAt: string }>(`/announcements/${id}/ack`, { method: 'POST', body: {} });

/** How many people an audience reaches right now (the form's "将送达 N 人"). */
export const previewAudience = (audience: Audience) =>
  request<AudiencePreview>('/announcements/audience/preview', {
    method: 'POST',
    body: audience,
  });

export function uploadAnnouncementFile(file: File): Promise<AnnouncementFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<AnnouncementFile>('/announcements/files', { method: 'POST', body: form });
}
/** Same-origin, so the session cookie rides along. */
export const announcementFileUrl = (announcementId: string, fileId: string) =>
  `/api/announcements/${announcementId}/files/${fileId}`;

// Statistics (announcement.stats)
export const announcementStats = (id: string) => request<AnnouncementStats>(`/announcements/${id}/stats`);
export const listNotRead = (
  id: string,
  query: { which: ReminderTarget; departmentId?: string },
  page = 1,
  pageSize = 20,
) => request<Page<NotReadEntry>>(`/announcements/${id}/not-read`, { query: { ...query, page, pageSize } });
export const remindReaders = (id: string, body: { which: ReminderTarget; departmentId?: string }) =>
  request<{ reminded: number }>(`/announcements/${id}/remind`, { method: 'POST', body });
export const onTimeReport = (query: OnTimeQuery) =>
  request<OnTimeReport>('/announcements/kpi/on-time', { query: { ...query } });
