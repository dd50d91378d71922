import {
  AddTeamMembersRequest,
  CreateTeamRequest,
  IdParams,
  TeamDetail,
  TeamList,
  TeamListQuery,
  TeamMemberParams,
  UpdateTeamRequest,
} from '@liaison/contracts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { TeamsService } from './teams.service.ts';

export function teamsRoutes(app: App, teams: TeamsService): void {
  const tags = ['teams'];

  app.get(
    '/api/teams',
    {
      config: { access: { permission: 'directory.read' } },
      schema: {
        operationId: 'listTeams',
        summary: 'List teams and project groups',
        tags,
        querystring: TeamListQuery,
        response: { 200: TeamList },
      },
    },
    async (request) => ({ items: await teams.list(request.query) }),
  );

  app.post(
    '/api/teams',
    {
      config: { access: { permission: 'team.manage' } },
      schema: {
        operationId: 'createTeam',
        summary: 'Create a team or project group',
        tags,
        body: CreateTeamRequest,
        response: { 201: TeamDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await teams.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/teams/:id',
    {
      config: { access: { permission: 'directory.read' } },
      schema: {
        operationId: 'getTeam',
        summary: 'Get a team with its members',
        tags,
        params: IdParams,
        response: { 200: TeamDetail },
      },
    },
    (request) => teams.get(request.params.id),
  );

  app.patch(
    '/api/teams/:id',
    {
      config: { access: { permission: 'team.manage' } },
      schema: {
        operationId: 'updateTeam',
        summary: 'Update a team',
        tags,
        params: IdParams,
        body: UpdateTeamRequest,
        response: { 200: TeamDetail },
      },
    },
    (request) => teams.update(actorContext(request), request.params.id, request.body),
  );

  app.delete(
    '/api/teams/:id',
    {
      config: { access: { permission: 'team.manage' } },
      schema: { operationId: 'deleteTeam', summary: 'Delete a team', tags, params: IdParams },
    },
    async (request, reply) => {
      await teams.remove(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/teams/:id/members',
    {
      config: { access: { permission: 'team.manage' } },
      schema: {
        operationId: 'addTeamMembers',
        summary: 'Add members to a team',
        tags,
        params: IdParams,
        body: AddTeamMembersRequest,
        response: { 200: TeamDetail },
      },
    },
    (request) => teams.addMembers(actorContext(request), request.params.id, request.body),
  );

  app.delete(
    '/api/teams/:id/members/:userId',
    {
      config: { access: { permission: 'team.manage' } },
      schema: {
        operationId: 'removeTeamMember',
        summary: 'Remove a member from a team',
        tags,
        params: TeamMemberParams,
        response: { 200: TeamDetail },
      },
    },
    (request) => teams.removeMember(actorContext(request), request.params.id, request.params.userId),
  );
}
