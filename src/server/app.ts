import { randomUUID } from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { modules } from '../modules/index.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerDocs } from './plugins/docs.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerWeb } from './plugins/web.ts';
import type { App, Deps } from './types.ts';
import { validatorCompiler } from './validation.ts';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
import { VERSION } from '../version.ts';

export interface BuildOptions {
  deps: Deps;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web UI from this directory (default dist/web); false for API-only. */
  webDir?: string | false;
  /** Receives every route as it is registered (the scope-walk test enumerates the API with it). */
  routes?: RouteOptions[];
}

/** Assemble the HTTP application: plugins, every module's routes, docs and the web UI. */
export async function buildApp(opts: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', opts.deps);
  const routes = opts.routes;
  if (routes) app.addHook('onRoute', (r) => void routes.push(r as RouteOptions));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(cookie);
  // Compressed replies: a county's JSON lists and the web bundle are mostly text, and villages are on
  // slow mobile networks (measured in decision 0023). Brotli at a moderate level, gzip otherwise;
  // small replies and already-compressed types (xlsx, images, PDF) are sent as they are.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
  registerErrorHandling(app);
  registerAuth(app);
  await registerDocs(app, VERSION);
  for (const m of modules) await m.register(app);
  if (opts.webDir !== false) await registerWeb(app, opts.webDir ?? path.join(ROOT_DIR, 'dist/web'));
  await app.ready();
  return app;
}
