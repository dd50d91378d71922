import {
  CreatedUser,
  CreateUserRequest,
  DirectoryList,
  DirectoryQuery,
  IdParams,
  PersonalInfo,
  Profile,
  ResetPasswordResult,
  SetUserRolesRequest,
  UpdatePersonalInfoRequest,
  UpdateProfileRequest,
  UpdateUserRequest,
  User,
  UserListQuery,
  UserPage,
} from '@liaison/contracts';
import { attachment } from '../../platform/export/columns.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/export/xlsx.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { PersonalService } from './personal.service.ts';
import type { UserListsService } from './user-lists.service.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(
  app: App,
  users: UsersService,
  lists: UserListsService,
  personal: PersonalService,
): void {
  const tags = ['users'];

  app.get(
    '/api/users',
    {
      config: { access: { permission: 'user.read' } },
      schema: {
        operationId: 'listUsers',
        summary: 'List accounts',
        tags,
        querystring: UserListQuery,
        response: { 200: UserPage },
      },
    },
    (request) => lists.list(actorContext(request), request.query),
  );

  app.get(
    '/api/users/export',
    {
      config: { access: { permission: 'user.read' } },
      schema: {
        operationId: 'exportUsers',
        summary: 'Export the filtered accounts to Excel',
        tags,
        querystring: UserListQuery,
        description: 'The filtered user list as an .xlsx workbook.',
      },
    },
    async (request, reply) => {
      const { file, fileName } = await lists.exportXlsx(actorContext(request), request.query);
      return reply.type(XLSX_CONTENT_TYPE).header('content-disposition', attachment(fileName)).send(file);
    },
  );

  app.post(
    '/api/users',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        operationId: 'createUser',
        summary: 'Create an account',
        tags,
        body: CreateUserRequest,
        response: { 201: CreatedUser },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: { permission: 'user.read' } },
      schema: {
        operationId: 'getUser',
        summary: 'Get an account',
        tags,
        params: IdParams,
        response: { 200: User },
      },
    },
    (request) => users.get(actorContext(request), request.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        operationId: 'updateUser',
        summary: 'Update an account',
        tags,
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User },
      },
    },
    (request) => users.update(actorContext(request), request.params.id, request.body),
  );

  app.delete(
    '/api/users/:id',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        operationId: 'disableUser',
        summary: 'Disable an account',
        tags,
        params: IdParams,
        description: 'Disables the account (history keeps the person).',
      },
    },
    async (request, reply) => {
      await users.disable(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        operationId: 'resetUserPassword',
        summary: "Reset an account's password",
        tags,
        params: IdParams,
        response: { 200: ResetPasswordResult },
      },
    },
    (request) => users.resetPassword(actorContext(request), request.params.id),
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { access: { permission: 'role.manage' } },
      schema: {
        operationId: 'setUserRoles',
        summary: "Set an account's roles",
        tags,
        params: IdParams,
        body: SetUserRolesRequest,
        response: { 200: User },
      },
    },
    (request) => users.setRoles(actorContext(request), request.params.id, request.body.roleIds),
  );

  app.get(
    '/api/users/:id/personal',
    {
      config: { access: { permission: 'user.personal.read' } },
      schema: {
        operationId: 'getPersonalInfo',
        summary: "Reveal a person's personal data (audited)",
        tags,
        params: IdParams,
        response: { 200: PersonalInfo },
      },
    },
    (request) => personal.personal(actorContext(request), request.params.id),
  );

  app.patch(
    '/api/users/:id/personal',
    {
      config: { access: { permission: ['user.manage', 'user.personal.read'] } },
      schema: {
        operationId: 'updatePersonalInfo',
        summary: "Update a person's personal data",
        tags,
        params: IdParams,
        body: UpdatePersonalInfoRequest,
        response: { 200: PersonalInfo },
      },
    },
    (request) => personal.updatePersonal(actorContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/directory/people',
    {
      config: { access: { permission: 'directory.read' } },
      schema: {
        operationId: 'searchDirectory',
        summary: 'Search the company directory',
        tags: ['directory'],
        querystring: DirectoryQuery,
        response: { 200: DirectoryList },
      },
    },
    async (request) => ({ items: await lists.directory(request.query) }),
  );

  app.get(
    '/api/profile',
    {
      config: { access: { authenticated: true } },
      schema: {
        operationId: 'getProfile',
        summary: "Get one's own profile",
        tags: ['profile'],
        response: { 200: Profile },
      },
    },
    (request) => personal.profile(actorContext(request)),
  );

  app.patch(
    '/api/profile',
    {
      config: { access: { authenticated: true } },
      schema: {
        operationId: 'updateProfile',
        summary: "Update one's own profile and language",
        tags: ['profile'],
        body: UpdateProfileRequest,
        response: { 200: Profile },
      },
    },
    (request) => personal.updateProfile(actorContext(request), request.body),
  );
}
