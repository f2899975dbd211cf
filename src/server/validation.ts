import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';
import { RequestValidationError } from './errors.ts';

/**
 * Validates with the endpoint's zod schema and keeps the raw issues (with the input), so the
 * error handler can render each one in the caller's language and name the field.
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues as unknown as RequestValidationError['issues']) };
  };
