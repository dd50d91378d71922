import {
  ApiToken,
  ChangePasswordRequest,
  CreatedToken,
  CreateTokenRequest,
  IdParams,
  LiftedSignInThrottle,
  LoginRequest,
  Me,
  SessionInfo,
  SignInThrottle,
} from '@liaison/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/route-context.ts';
import { type App, contextOf } from '../../platform/http/server.ts';
import { type AuthService, SESSION_COOKIE } from './auth.service.ts';
import type { TokensService } from './tokens.service.ts';

export function authRoutes(
  app: App,
  { auth, tokens }: { auth: AuthService; tokens: TokensService },
  cookie: { secure: boolean },
): void {
  const tags = ['auth'];

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true }, errors: ['invalid_credentials', 'too_many_attempts'] },
      schema: {
        operationId: 'signIn',
        summary: 'Sign in with a username and password',
        tags,
        body: LoginRequest,
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, me } = await auth.login(request.body, contextOf(request));
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.secure,
        path: '/',
        expires: new Date(expiresAt),
      });
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { authenticated: true, allowPendingPasswordChange: true } },
      schema: { operationId: 'signOut', summary: 'Sign out of this session', tags },
    },
    async (request, reply) => {
      await auth.logout(actorContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      config: { access: { authenticated: true, allowPendingPasswordChange: true } },
      schema: {
        operationId: 'signOutEverywhere',
        summary: 'Sign out of every session and revoke every API token',
        tags,
      },
    },
    async (request, reply) => {
      await auth.logoutEverywhere(actorContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { authenticated: true, allowPendingPasswordChange: true } },
      schema: {
        operationId: 'getMe',
        summary: 'The signed-in person, their permissions and CSRF token',
        tags,
        response: { 200: Me },
      },
    },
    async (request) => auth.me(actorContext(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: {
        access: { authenticated: true, allowPendingPasswordChange: true },
        errors: ['invalid_credentials', 'too_many_attempts'],
      },
      schema: {
        operationId: 'changePassword',
        summary: "Change one's own password",
        tags,
        body: ChangePasswordRequest,
      },
    },
    async (request, reply) => {
      await auth.changePassword(actorContext(request), request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { access: { authenticated: true } },
      schema: {
        operationId: 'listSessions',
        summary: "List one's active sessions",
        tags,
        response: { 200: z.object({ items: z.array(SessionInfo) }) },
      },
    },
    async (request) => ({ items: await auth.sessions(actorContext(request)) }),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { access: { authenticated: true } },
      schema: { operationId: 'endSession', summary: "End one of one's sessions", tags, params: IdParams },
    },
    async (request, reply) => {
      await auth.revokeSession(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { access: { permission: 'token.manage' } },
      schema: {
        operationId: 'listApiTokens',
        summary: "List one's personal API tokens",
        tags,
        response: { 200: z.object({ items: z.array(ApiToken) }) },
      },
    },
    async (request) => ({ items: await tokens.list(actorContext(request)) }),
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: { permission: 'token.manage' }, errors: ['session_required'] },
      schema: {
        operationId: 'createApiToken',
        summary: 'Create a personal API token (signed-in session only)',
        tags,
        body: CreateTokenRequest,
        response: { 201: CreatedToken },
      },
    },
    async (request, reply) => reply.code(201).send(await tokens.create(actorContext(request), request.body)),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: { permission: 'token.manage' } },
      schema: {
        operationId: 'revokeApiToken',
        summary: 'Revoke a personal API token',
        tags,
        params: IdParams,
      },
    },
    async (request, reply) => {
      await tokens.revoke(actorContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  // The throttle belongs to this module; administrators reach it from the user's page.
  app.get(
    '/api/users/:id/sign-in-throttle',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        operationId: 'getSignInThrottle',
        summary: "An account's recent failed sign-ins and current waits",
        tags: ['users'],
        params: IdParams,
        response: { 200: SignInThrottle },
      },
    },
    (request) => auth.signInThrottle(actorContext(request), request.params.id),
  );

  app.delete(
    '/api/users/:id/sign-in-throttle',
    {
      config: { access: { permission: 'user.manage' } },
      schema: {
        operationId: 'liftSignInThrottle',
        summary: 'Lift every sign-in wait on an account (解除登录限制)',
        tags: ['users'],
        params: IdParams,
        response: { 200: LiftedSignInThrottle },
      },
    },
    (request) => auth.liftSignInThrottle(actorContext(request), request.params.id),
  );
}
