import type { MessageKey } from './messages.ts';

/** A failure the client caused or may act on; rendered as application/problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(key);
  }
}

export const notFound = () => new AppError(404, 'notFound');
export const forbidden = (key: MessageKey = 'forbidden') => new AppError(403, key);
export const badRequest = (key: MessageKey, field?: string, params: Record<string, string | number> = {}) =>
  new AppError(400, key, params, field);
export const conflict = (key: MessageKey, params: Record<string, string | number> = {}, field?: string) =>
  new AppError(409, key, params, field);

/** Raised by the request validator with the raw zod issues (localized when rendered). */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  /** Set by Fastify to the part that failed (body, params, querystring, headers); a default here would stop it. */
  validationContext?: string;
  constructor(readonly issues: ReadonlyArray<{ code: string; path: PropertyKey[]; message: string; [k: string]: unknown }>) {
    super('request validation failed');
  }
}

/** Is this a PostgreSQL unique violation on the given constraint? */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  return !!e && e.code === '23505' && (e.constraint === constraint || !!e.message?.includes(constraint));
}

/** Several field problems at once (a member record breaking two rules), rendered as one 400. */
export class FieldErrors extends Error {
  constructor(readonly problems: ReadonlyArray<{ field: string; key: MessageKey; params?: Record<string, string | number> }>) {
    super('field errors');
  }
}
