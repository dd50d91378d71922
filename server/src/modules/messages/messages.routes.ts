import {
  Attachment,
  AttachmentParams,
  DeleteMessageRequest,
  EditMessageRequest,
  HeldMessage,
  IdParams,
  Message,
  MessageHistory,
  MessageListQuery,
  MessagePage,
  MessageParams,
  MessageSearchQuery,
  MessageSearchResult,
  PinMessageRequest,
  PostMessageRequest,
} from '@liaison/contracts';
import { attachment as contentDisposition } from '../../platform/export/columns.ts';
import { readUploadedFile } from '../../platform/http/multipart.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { AttachmentsService } from './attachments.service.ts';
import type { MessagesService } from './messages.service.ts';

export function messagesRoutes(app: App, messages: MessagesService, attachments: AttachmentsService): void {
  const tags = ['messages'];
  const use = { access: { permission: 'message.use' } } as const;

  app.get(
    '/api/channels/:id/messages',
    {
      config: use,
      schema: {
        operationId: 'listMessages',
        summary: "Page through a channel's messages or a thread",
        tags,
        params: IdParams,
        querystring: MessageListQuery,
        response: { 200: MessagePage },
      },
    },
    (request) => messages.list(actorContext(request), request.params.id, request.query),
  );

  app.post(
    '/api/channels/:id/messages',
    {
      config: { ...use, errors: ['policy_blocked', 'policy_confirmation_required'] },
      schema: {
        operationId: 'postMessage',
        summary: 'Post a message (checked by communication control)',
        tags,
        params: IdParams,
        body: PostMessageRequest,
        response: { 201: Message, 202: HeldMessage },
      },
    },
    async (request, reply) => {
      const result = await messages.send(actorContext(request), request.params.id, request.body);
      // 202: held by a communication policy until a compliance officer decides.
      return result.status === 'held'
        ? reply.code(202).send(result.held)
        : reply.code(201).send(result.message);
    },
  );

  app.get(
    '/api/channels/:id/messages/:messageId',
    {
      config: use,
      schema: {
        operationId: 'getMessage',
        summary: 'Get a message',
        tags,
        params: MessageParams,
        response: { 200: Message },
      },
    },
    (request) => messages.one(actorContext(request), request.params.id, request.params.messageId),
  );

  app.patch(
    '/api/channels/:id/messages/:messageId',
    {
      config: { ...use, errors: ['policy_blocked', 'policy_confirmation_required'] },
      schema: {
        operationId: 'editMessage',
        summary: 'Edit a message (checked by communication control)',
        tags,
        params: MessageParams,
        body: EditMessageRequest,
        response: { 200: Message },
      },
    },
    (request) =>
      messages.edit(actorContext(request), request.params.id, request.params.messageId, request.body),
  );

  app.delete(
    '/api/channels/:id/messages/:messageId',
    {
      config: use,
      schema: {
        operationId: 'deleteMessage',
        summary: 'Delete or moderate a message',
        tags,
        params: MessageParams,
        body: DeleteMessageRequest.nullish(),
        response: { 200: Message },
      },
    },
    (request) =>
      messages.remove(
        actorContext(request),
        request.params.id,
        request.params.messageId,
        request.body?.reason,
      ),
  );

  app.post(
    '/api/channels/:id/messages/:messageId/pin',
    {
      config: use,
      schema: {
        operationId: 'pinMessage',
        summary: 'Pin or unpin a message',
        tags,
        params: MessageParams,
        body: PinMessageRequest,
        response: { 200: Message },
      },
    },
    (request) =>
      messages.pin(actorContext(request), request.params.id, request.params.messageId, request.body.pinned),
  );

  app.get(
    '/api/channels/:id/messages/:messageId/history',
    {
      config: { access: { permission: 'message.audit' } },
      schema: {
        operationId: 'getMessageHistory',
        summary: "A message's earlier versions (audited)",
        tags,
        params: MessageParams,
        response: { 200: MessageHistory },
      },
    },
    (request) => messages.history(actorContext(request), request.params.id, request.params.messageId),
  );

  app.get(
    '/api/search/messages',
    {
      config: use,
      schema: {
        operationId: 'searchMessages',
        summary: 'Search messages in Chinese and English',
        tags: ['search'],
        querystring: MessageSearchQuery,
        response: { 200: MessageSearchResult },
      },
    },
    (request) => messages.search(actorContext(request), request.query),
  );

  app.post(
    '/api/channels/:id/attachments',
    {
      config: use,
      schema: {
        operationId: 'uploadAttachment',
        summary: 'Upload a file to attach to a message',
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        description:
          'Upload one file (form field `file`); then post a message with its id in `attachmentIds`.',
        response: { 201: Attachment },
      },
    },
    async (request, reply) => {
      const created = await attachments.upload(
        actorContext(request),
        request.params.id,
        await readUploadedFile(request, attachments.maxBytes),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      config: use,
      schema: {
        operationId: 'downloadAttachment',
        summary: 'Download an attachment',
        tags,
        params: AttachmentParams,
      },
    },
    async (request, reply) => {
      const { attachment, stream } = await attachments.open(actorContext(request), request.params.id);
      const inline = attachment.contentType.startsWith('image/');
      return reply
        .type(attachment.contentType)
        .header('content-length', String(attachment.size))
        .header(
          'content-disposition',
          inline
            ? contentDisposition(attachment.fileName).replace(/^attachment/, 'inline')
            : contentDisposition(attachment.fileName),
        )
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=86400')
        .send(stream);
    },
  );
}
