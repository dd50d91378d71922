import {
  AddChannelMembersRequest,
  ArchiveChannelRequest,
  Channel,
  ChannelList,
  ChannelListQuery,
  ChannelMemberList,
  ChannelMemberParams,
  CreateChannelRequest,
  IdParams,
  MarkReadRequest,
  NamingRules,
  UpdateChannelRequest,
  UpdateNamingRulesRequest,
} from '@liaison/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { ChannelsService } from './channels.service.ts';

export function channelsRoutes(app: App, channels: ChannelsService): void {
  const tags = ['channels'];
  const use = { access: { permission: 'message.use' } } as const;

  app.get(
    '/api/channels',
    {
      config: use,
      schema: {
        operationId: 'listChannels',
        summary: "List one's channels (or every channel, for compliance)",
        tags,
        querystring: ChannelListQuery,
        response: { 200: ChannelList },
      },
    },
    async (request) => ({
      items: await channels.list(actorContext(request), request.query.includeArchived, request.query.scope),
    }),
  );

  app.post(
    '/api/channels',
    {
      config: use,
      schema: {
        operationId: 'createChannel',
        summary: 'Create a channel or direct conversation',
        tags,
        body: CreateChannelRequest,
        response: { 201: Channel },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await channels.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/channels/naming-rules',
    {
      config: use,
      schema: {
        operationId: 'getNamingRules',
        summary: 'Get the channel naming rules',
        tags,
        response: { 200: NamingRules },
      },
    },
    () => channels.namingRules(),
  );

  app.put(
    '/api/channels/naming-rules',
    {
      config: { access: { permission: 'channel.manage' } },
      schema: {
        operationId: 'setNamingRules',
        summary: 'Set the channel naming rules',
        tags,
        body: UpdateNamingRulesRequest,
        response: { 200: NamingRules },
      },
    },
    (request) => channels.updateNamingRules(actorContext(request), request.body),
  );

  app.get(
    '/api/channels/:id',
    {
      config: use,
      schema: {
        operationId: 'getChannel',
        summary: 'Get a channel',
        tags,
        params: IdParams,
        response: { 200: Channel },
      },
    },
    (request) => channels.get(actorContext(request), request.params.id),
  );

  app.patch(
    '/api/channels/:id',
    {
      config: use,
      schema: {
        operationId: 'updateChannel',
        summary: 'Rename a channel, change its topic or owner',
        tags,
        params: IdParams,
        body: UpdateChannelRequest,
        response: { 200: Channel },
      },
    },
    (request) => channels.update(actorContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/channels/:id/archive',
    {
      config: use,
      schema: {
        operationId: 'archiveChannel',
        summary: 'Archive or restore a channel',
        tags,
        params: IdParams,
        body: ArchiveChannelRequest,
        response: { 200: Channel },
      },
    },
    (request) => channels.setArchived(actorContext(request), request.params.id, request.body.archived),
  );

  app.get(
    '/api/channels/:id/members',
    {
      config: use,
      schema: {
        operationId: 'listChannelMembers',
        summary: "List a channel's members",
        tags,
        params: IdParams,
        response: { 200: ChannelMemberList },
      },
    },
    async (request) => ({ items: await channels.members(actorContext(request), request.params.id) }),
  );

  app.post(
    '/api/channels/:id/members',
    {
      config: use,
      schema: {
        operationId: 'addChannelMembers',
        summary: 'Add members to a channel',
        tags,
        params: IdParams,
        body: AddChannelMembersRequest,
        response: { 200: ChannelMemberList },
      },
    },
    async (request) => ({
      items: await channels.addMembers(actorContext(request), request.params.id, request.body),
    }),
  );

  app.delete(
    '/api/channels/:id/members/:userId',
    {
      config: use,
      schema: {
        operationId: 'removeChannelMember',
        summary: 'Remove a member from a channel',
        tags,
        params: ChannelMemberParams,
      },
    },
    async (request, reply) => {
      await channels.removeMember(actorContext(request), request.params.id, request.params.userId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/channels/:id/read',
    {
      config: use,
      schema: {
        operationId: 'markChannelRead',
        summary: 'Mark a channel read up to a message',
        tags,
        params: IdParams,
        body: MarkReadRequest,
        response: { 200: z.object({ lastReadSeq: z.number().int() }) },
      },
    },
    (request) => channels.markRead(actorContext(request), request.params.id, request.body.seq),
  );
}
