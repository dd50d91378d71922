import { CreateRoleRequest, IdParams, Role, RoleList, UpdateRoleRequest } from '@liaison/contracts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { RolesService } from './roles.service.ts';

export function rolesRoutes(app: App, roles: RolesService): void {
  const tags = ['roles'];

  app.get(
    '/api/roles',
    {
      config: { access: { permission: 'role.read' } },
      schema: { operationId: 'listRoles', summary: 'List roles', tags, response: { 200: RoleList } },
    },
    async () => ({ items: await roles.list() }),
  );

  app.post(
    '/api/roles',
    {
      config: { access: { permission: 'role.manage' } },
      schema: {
        operationId: 'createRole',
        summary: 'Create a role',
        tags,
        body: CreateRoleRequest,
        response: { 201: Role },
      },
    },
    async (request, reply) => reply.code(201).send(await roles.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/roles/:id',
    {
      config: { access: { permission: 'role.read' } },
      schema: {
        operationId: 'getRole',
        summary: 'Get a role',
        tags,
        params: IdParams,
        response: { 200: Role },
      },
    },
    (request) => roles.get(request.params.id),
  );

  app.patch(
    '/api/roles/:id',
    {
      config: { access: { permission: 'role.manage' } },
      schema: {
        operationId: 'updateRole',
        summary: 'Update a role',
        tags,
        params: IdParams,
        body: UpdateRoleRequest,
        response: { 200: Role },
      },
    },
    (request) => roles.update(actorContext(request), request.params.id, request.body),
  );

  app.delete(
    '/api/roles/:id',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { operationId: 'deleteRole', summary: 'Delete a role', tags, params: IdParams },
    },
    async (request, reply) => {
      await roles.remove(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
