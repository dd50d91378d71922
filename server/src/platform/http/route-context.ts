import type { FastifyRequest } from 'fastify';
import type { ActorContext } from '../auth/actor.ts';
import { errors } from './errors.ts';
import { contextOf } from './server.ts';

/** The context of a request that passed access control with credentials (any non-public route). */
export function actorContext(request: FastifyRequest): ActorContext {
  const ctx = contextOf(request);
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx as ActorContext;
}
