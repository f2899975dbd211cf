import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Engine } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { FieldCipher } from '../lib/secrets.ts';
import type { Permission, RequestContext } from './context.ts';

/** Shared services every module reaches through `app.deps`. Nothing here holds per-user state. */
export interface Deps {
  db: Kysely<DB>;
  engine: Engine;
  cipher: FieldCipher;
  cookieSecure: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyRequest {
    /** Set by the auth plugin for signed-in requests; routes use `requireCtx(req)`. */
    ctx: RequestContext | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, docs, login). */
    public?: boolean;
    /** The permission the caller's role must hold. */
    permission?: Permission;
    /** Reachable while the first-sign-in password change is pending. */
    allowDuringPasswordChange?: boolean;
    /** Global reference data (rule tables): not organization data, the same for every scope. */
    referenceData?: boolean;
    /** Example request body used by the scope-walk test for this endpoint. */
    example?: { body?: unknown };
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
