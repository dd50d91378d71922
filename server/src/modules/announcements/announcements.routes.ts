import {
  AnnouncementCategory,
  AnnouncementDetail,
  AnnouncementFile,
  AnnouncementListQuery,
  AnnouncementPage,
  AnnouncementStats,
  Audience,
  AudiencePreview,
  CorrectAnnouncementRequest,
  CreateAnnouncementRequest,
  IdParams,
  NotReadPage,
  NotReadQuery,
  OnTimeQuery,
  OnTimeReport,
  RemindRequest,
  SaveCategoryRequest,
  Timestamp,
  UpdateAnnouncementRequest,
} from '@liaison/contracts';
import { z } from 'zod';
import { sendFile } from '../../platform/http/file-reply.ts';
import { readUploadedFile } from '../../platform/http/multipart.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { AnnouncementCategoriesService } from './announcement-categories.service.ts';
import type { AnnouncementDraftsService } from './announcement-drafts.service.ts';
import type { AnnouncementPublishingService } from './announcement-publishing.service.ts';
import type { AnnouncementReceiptsService } from './announcement-receipts.service.ts';
import type { AnnouncementRemindersService } from './announcement-reminders.service.ts';
import type { AnnouncementsService } from './announcements.service.ts';

/** The announcement services, one per concern. */
export interface AnnouncementServices {
  announcements: AnnouncementsService;
  categories: AnnouncementCategoriesService;
  drafts: AnnouncementDraftsService;
  publishing: AnnouncementPublishingService;
  receipts: AnnouncementReceiptsService;
  reminders: AnnouncementRemindersService;
}

export function announcementsRoutes(app: App, services: AnnouncementServices, maxFileBytes: number): void {
  const { announcements, categories, drafts, publishing, receipts, reminders } = services;
  const tags = ['announcements'];
  const read = { access: { permission: 'announcement.read' } } as const;
  const publish = { access: { permission: 'announcement.publish' } } as const;
  const manage = { access: { permission: 'announcement.manage' } } as const;
  const empty = z.strictObject({}).optional();

  app.get(
    '/api/announcements/categories',
    {
      config: read,
      schema: {
        operationId: 'listAnnouncementCategories',
        summary: 'List announcement categories',
        tags,
        response: { 200: z.object({ items: z.array(AnnouncementCategory) }) },
      },
    },
    async () => ({ items: await categories.categories() }),
  );

  app.post(
    '/api/announcements/categories',
    {
      config: manage,
      schema: {
        operationId: 'createAnnouncementCategory',
        summary: 'Create an announcement category',
        tags,
        body: SaveCategoryRequest,
        response: { 201: AnnouncementCategory },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await categories.saveCategory(actorContext(request), null, request.body)),
  );

  app.put(
    '/api/announcements/categories/:id',
    {
      config: manage,
      schema: {
        operationId: 'updateAnnouncementCategory',
        summary: 'Update an announcement category',
        tags,
        params: IdParams,
        body: SaveCategoryRequest,
        response: { 200: AnnouncementCategory },
      },
    },
    (request) => categories.saveCategory(actorContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/announcements',
    {
      config: read,
      schema: {
        operationId: 'listAnnouncements',
        summary: 'The announcement feed, or what one publishes',
        tags,
        querystring: AnnouncementListQuery,
        response: { 200: AnnouncementPage },
      },
    },
    (request) => announcements.list(actorContext(request), request.query),
  );

  app.post(
    '/api/announcements',
    {
      config: publish,
      schema: {
        operationId: 'createAnnouncement',
        summary: 'Draft an announcement',
        tags,
        body: CreateAnnouncementRequest,
        response: { 201: AnnouncementDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await drafts.create(actorContext(request), request.body)),
  );

  app.post(
    '/api/announcements/audience/preview',
    {
      config: publish,
      schema: {
        operationId: 'previewAudience',
        summary: 'How many people an audience reaches',
        tags,
        body: Audience,
        response: { 200: AudiencePreview },
      },
    },
    (request) => announcements.preview(request.body),
  );

  app.get(
    '/api/announcements/kpi/on-time',
    {
      config: { access: { permission: 'announcement.stats' } },
      schema: {
        operationId: 'getOnTimeReport',
        summary: 'The monthly on-time delivery rate',
        tags,
        querystring: OnTimeQuery,
        response: { 200: OnTimeReport },
      },
    },
    (request) => receipts.onTime(actorContext(request), request.query),
  );

  app.post(
    '/api/announcements/files',
    {
      config: publish,
      schema: {
        operationId: 'uploadAnnouncementFile',
        summary: 'Upload a file to attach to an announcement',
        tags,
        consumes: ['multipart/form-data'],
        response: { 201: AnnouncementFile },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await announcements.uploadFile(
            actorContext(request),
            await readUploadedFile(request, maxFileBytes),
          ),
        ),
  );

  app.get(
    '/api/announcements/:id',
    {
      config: read,
      schema: {
        operationId: 'getAnnouncement',
        summary: 'Read an announcement',
        tags,
        params: IdParams,
        response: { 200: AnnouncementDetail },
      },
    },
    (request) => announcements.get(actorContext(request), request.params.id),
  );

  app.patch(
    '/api/announcements/:id',
    {
      config: publish,
      schema: {
        operationId: 'updateAnnouncement',
        summary: 'Edit a draft announcement',
        tags,
        params: IdParams,
        body: UpdateAnnouncementRequest,
        response: { 200: AnnouncementDetail },
      },
    },
    (request) => drafts.update(actorContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/announcements/:id/submit',
    {
      config: publish,
      schema: {
        operationId: 'submitAnnouncement',
        summary: 'Submit for approval, schedule or publish',
        tags,
        params: IdParams,
        body: empty,
        response: { 200: AnnouncementDetail },
      },
    },
    (request) => publishing.submit(actorContext(request), request.params.id),
  );

  app.post(
    '/api/announcements/:id/correct',
    {
      config: publish,
      schema: {
        operationId: 'correctAnnouncement',
        summary: 'Publish a correction as a new revision',
        tags,
        params: IdParams,
        body: CorrectAnnouncementRequest,
        response: { 200: AnnouncementDetail },
      },
    },
    (request) => publishing.correct(actorContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/announcements/:id/withdraw',
    {
      config: publish,
      schema: {
        operationId: 'withdrawAnnouncement',
        summary: 'Withdraw an announcement',
        tags,
        params: IdParams,
        body: empty,
        response: { 200: AnnouncementDetail },
      },
    },
    (request) => publishing.withdraw(actorContext(request), request.params.id),
  );

  app.post(
    '/api/announcements/:id/read',
    {
      config: read,
      schema: {
        operationId: 'markAnnouncementRead',
        summary: 'Record that one has read an announcement',
        tags,
        params: IdParams,
        body: empty,
        response: { 200: z.object({ readAt: Timestamp }) },
      },
    },
    (request) => receipts.read(actorContext(request), request.params.id),
  );

  app.post(
    '/api/announcements/:id/ack',
    {
      config: read,
      schema: {
        operationId: 'acknowledgeAnnouncement',
        summary: 'Acknowledge an announcement (确认已读)',
        tags,
        params: IdParams,
        body: empty,
        response: { 200: z.object({ ackedAt: Timestamp }) },
      },
    },
    (request) => receipts.acknowledge(actorContext(request), request.params.id),
  );

  app.get(
    '/api/announcements/:id/stats',
    {
      config: read,
      schema: {
        operationId: 'getAnnouncementStats',
        summary: 'Read and acknowledgement statistics per department',
        tags,
        params: IdParams,
        response: { 200: AnnouncementStats },
      },
    },
    (request) => receipts.stats(actorContext(request), request.params.id),
  );

  app.get(
    '/api/announcements/:id/not-read',
    {
      config: read,
      schema: {
        operationId: 'listNotRead',
        summary: 'Recipients who have not read or acknowledged',
        tags,
        params: IdParams,
        querystring: NotReadQuery,
        response: { 200: NotReadPage },
      },
    },
    (request) => receipts.notDone(actorContext(request), request.params.id, request.query),
  );

  app.post(
    '/api/announcements/:id/remind',
    {
      config: read,
      schema: {
        operationId: 'remindNotRead',
        summary: 'Remind those who have not read or acknowledged',
        tags,
        params: IdParams,
        body: RemindRequest,
        response: { 200: z.object({ reminded: z.number().int() }) },
      },
    },
    (request) => reminders.remind(actorContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/announcements/:id/files/:fileId',
    {
      config: read,
      schema: {
        operationId: 'downloadAnnouncementFile',
        summary: 'Download an announcement file',
        tags,
        params: z.strictObject({ id: IdParams.shape.id, fileId: IdParams.shape.id }),
      },
    },
    async (request, reply) => {
      const { file, stream } = await announcements.openFile(
        actorContext(request),
        request.params.id,
        request.params.fileId,
      );
      return sendFile(reply, file, stream);
    },
  );
}
