import {
  CreateDepartmentRequest,
  Department,
  DepartmentList,
  IdParams,
  UpdateDepartmentRequest,
} from '@liaison/contracts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { DepartmentsService } from './departments.service.ts';

export function departmentsRoutes(app: App, departments: DepartmentsService): void {
  const tags = ['departments'];

  app.get(
    '/api/departments',
    {
      config: { access: { permission: 'directory.read' } },
      schema: {
        operationId: 'listDepartments',
        summary: 'List the department tree',
        tags,
        response: { 200: DepartmentList },
      },
    },
    async () => ({ items: await departments.list() }),
  );

  app.post(
    '/api/departments',
    {
      config: { access: { permission: 'department.manage' } },
      schema: {
        operationId: 'createDepartment',
        summary: 'Create a department',
        tags,
        body: CreateDepartmentRequest,
        response: { 201: Department },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await departments.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/departments/:id',
    {
      config: { access: { permission: 'directory.read' } },
      schema: {
        operationId: 'getDepartment',
        summary: 'Get a department',
        tags,
        params: IdParams,
        response: { 200: Department },
      },
    },
    (request) => departments.get(request.params.id),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: { access: { permission: 'department.manage' } },
      schema: {
        operationId: 'updateDepartment',
        summary: 'Update or move a department',
        tags,
        params: IdParams,
        body: UpdateDepartmentRequest,
        response: { 200: Department },
      },
    },
    (request) => departments.update(actorContext(request), request.params.id, request.body),
  );

  app.delete(
    '/api/departments/:id',
    {
      config: { access: { permission: 'department.manage' } },
      schema: {
        operationId: 'deleteDepartment',
        summary: 'Delete an empty department',
        tags,
        params: IdParams,
      },
    },
    async (request, reply) => {
      await departments.remove(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
