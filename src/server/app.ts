import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { registerAuth } from './http/auth-plugin.js';
import { registerErrorHandling } from './http/error-handler.js';
import { loggerOptions } from './http/logging.js';
import { registerOpenApi } from './http/openapi.js';
import { notFound } from './http/problems.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebUi } from './http/static-web.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { meRoutes } from './modules/me/me.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  /** Folder of the built web UI; omit to serve only the API. */
  webRoot?: string;
  logger?: boolean;
}

/** Builds the whole HTTP application around a context; main.ts listens on it, tests inject into it. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  registerSecurityHeaders(app, ctx.config);
  await app.register(cookie);
  registerAuth(app, ctx);
  await registerOpenApi(app, ctx.config);

  await app.register(healthRoutes(ctx));
  await app.register(
    async (api) => {
      await api.register(setupRoutes(ctx));
      await api.register(authRoutes(ctx));
      await api.register(meRoutes(ctx));
      await api.register(usersRoutes(ctx));
      await api.register(settingsRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );

  const spaFallback = options.webRoot ? await registerWebUi(app, options.webRoot) : null;
  app.setNotFoundHandler((request, reply) => {
    if (spaFallback?.(request, reply)) return reply;
    throw notFound();
  });
  return app;
}
