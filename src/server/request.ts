import type { FastifyRequest } from 'fastify';
import type { RequestContext } from './context.ts';
import { AppError } from './errors.ts';

/** The signed-in caller's context (the auth plugin sets it for every non-public route). */
export function requireCtx(req: FastifyRequest): RequestContext {
  if (!req.ctx) throw new AppError(401, 'auth.required');
  return req.ctx;
}
