import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { en as zodEn, zhCN as zodZh } from 'zod/locales';
import { AppError, FieldErrors, RequestValidationError } from '../errors.ts';
import { pickLocale, t, type Locale, type MessageKey } from '../messages.ts';

// Zod's own messages, rendered per request in the caller's language.
const zodLocales = { 'zh-CN': zodZh().localeError, en: zodEn().localeError };

interface FieldError {
  field: string;
  message: string;
}

function localeOf(req: FastifyRequest): Locale {
  return req.ctx?.locale ?? pickLocale(req.headers['accept-language']);
}

function issueMessage(locale: Locale, issue: RequestValidationError['issues'][number]): string {
  const m = zodLocales[locale](issue as never);
  const text = typeof m === 'string' ? m : m?.message;
  return text ?? issue.message;
}

function send(reply: FastifyReply, status: number, code: string, title: string, detail: string, errors?: FieldError[]) {
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: `urn:tongchou:problem:${code}`, title, status, detail, code, instance: reply.request.url, requestId: reply.request.id, ...(errors ? { errors } : {}) });
}

// Fastify's own client errors (parser, limits) mapped to a message key.
const FASTIFY_CODES: Record<string, MessageKey> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'json.invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'json.empty',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body.tooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'mediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'json.invalid',
};

/** Every error leaves as RFC 9457 problem+json; client mistakes are 4xx in the caller's language. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = localeOf(req);
    if (err instanceof RequestValidationError) {
      const part = err.validationContext ?? 'body';
      // One entry per unknown key (several unknown keys are siblings, not a nested path).
      const errors = err.issues.flatMap((i) => {
        const paths = i.code === 'unrecognized_keys' && Array.isArray(i.keys) ? (i.keys as string[]).map((k) => [...i.path, k]) : [i.path];
        return paths.map((inner) => ({ field: [part === 'body' ? '' : part, ...inner.map(String)].filter(Boolean).join('.') || part, message: issueMessage(locale, i) }));
      });
      const first = errors[0]!;
      return send(reply, 400, 'validation', t(locale, 'validation'), t(locale, 'validation.field', first), errors);
    }
    if (err instanceof FieldErrors) {
      const errors = err.problems.map((p) => ({ field: p.field, message: t(locale, p.key, p.params) }));
      return send(reply, 400, 'validation', t(locale, 'validation'), t(locale, 'validation.field', errors[0]!), errors);
    }
    if (err instanceof AppError) {
      const detail = t(locale, err.key, err.params);
      const errors = err.field ? [{ field: err.field, message: detail }] : undefined;
      return send(reply, err.status, err.key, detail, detail, errors);
    }
    const key = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (key) return send(reply, err.statusCode ?? 400, key, t(locale, key), t(locale, key));
    if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
      return send(reply, err.statusCode ?? 400, 'bad_request', t(locale, 'validation'), err.message);
    }
    // SQLSTATE class 22 (data exception) can only come from input that slipped past a schema.
    const pgCode = (err as { code?: string }).code;
    if (typeof pgCode === 'string' && pgCode.startsWith('22')) {
      req.log.warn({ err }, 'data exception from client input');
      return send(reply, 400, 'bad_request', t(locale, 'validation'), t(locale, 'validation'));
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, 'internal', t(locale, 'internal', { requestId: req.id }), t(locale, 'internal', { requestId: req.id }));
  });

  app.setNotFoundHandler((req, reply) => {
    const locale = localeOf(req);
    return send(reply, 404, 'not_found', t(locale, 'notFound.route'), `${req.method} ${req.url}`);
  });
}
