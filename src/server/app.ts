import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from './context.js';
import { registerAuth } from './http/auth-plugin.js';
import { registerErrorHandling } from './http/error-handler.js';
import { clientErrorHandler, frameworkErrorHandler } from './http/framework-errors.js';
import { registerInputGuards } from './http/input-guards.js';
import { logRequest, requestLogger } from './http/logging.js';
import { registerOpenApi } from './http/openapi.js';
import { notFound } from './http/problems.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebUi } from './http/static-web.js';
import { activitiesRoutes } from './modules/activities/activities.routes.js';
import { activityStreamRoutes } from './modules/activity-stream/stream.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { commentsRoutes } from './modules/comments/comments.routes.js';
import { documentsRoutes } from './modules/documents/documents.routes.js';
import { foldersRoutes } from './modules/documents/folders.routes.js';
import { uploadRoutes } from './modules/documents/uploads.routes.js';
import { exposureRoutes } from './modules/exposure/exposure.routes.js';
import { externalOrganizationsRoutes } from './modules/external-organizations/external-organizations.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { invitationsRoutes } from './modules/invitations/invitations.routes.js';
import { meRoutes } from './modules/me/me.routes.js';
import { membersRoutes } from './modules/members/members.routes.js';
import { notesRoutes } from './modules/notes/notes.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { preferencesRoutes } from './modules/notifications/preferences.routes.js';
import { unsubscribeRoutes } from './modules/notifications/unsubscribe.routes.js';
import { realtimeRoutes } from './modules/realtime/realtime.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { tasksRoutes } from './modules/tasks/tasks.routes.js';
import { topicsRoutes } from './modules/topics/topics.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';
import { workspacesRoutes } from './modules/workspaces/workspaces.routes.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The longest path part the router passes on (percent-encoded): above every part a route accepts,
 * such as a 255-character allowed webhook host fully encoded. Longer ones are answered as missing.
 */
export const MAX_PATH_PART = 1024;

/** Believe X-Forwarded-For for this many proxies next to us, never the hops a client may have added. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export interface AppOptions {
  /** Folder of the built web UI; omit to serve only the API. */
  webRoot?: string;
  /** false: no logging at all (tests); otherwise the context's logger. */
  logger?: false;
}

/** Builds the whole HTTP application around a context; main.ts listens on it, tests inject into it. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : { loggerInstance: ctx.log }),
    // Our onResponse hook writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: requestLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: typeof ctx.config.trustProxy === 'number' ? trustHops(ctx.config.trustProxy) : ctx.config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PATH_PART },
    frameworkErrors: frameworkErrorHandler(ctx.config),
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // One log line per request, written when it is answered (Fastify's default writes two).
  app.addHook('onResponse', (request, reply, done) => {
    logRequest(app.log, request, reply);
    // A request that may have written has committed: its events can go out now, not at the next poll.
    if (request.method !== 'GET' && request.method !== 'HEAD') ctx.wake.events();
    done();
  });
  registerErrorHandling(app);
  registerSecurityHeaders(app, ctx.config); // also sends x-request-id
  registerAuth(app, ctx);
  registerInputGuards(app);
  await registerOpenApi(app, ctx.config);

  await app.register(healthRoutes(ctx));
  await app.register(
    async (api) => {
      await api.register(setupRoutes(ctx));
      await api.register(authRoutes(ctx));
      await api.register(meRoutes(ctx));
      await api.register(usersRoutes(ctx));
      await api.register(settingsRoutes(ctx));
      await api.register(topicsRoutes(ctx));
      await api.register(externalOrganizationsRoutes(ctx));
      await api.register(workspacesRoutes(ctx));
      await api.register(membersRoutes(ctx));
      await api.register(invitationsRoutes(ctx));
      await api.register(foldersRoutes(ctx));
      await api.register(documentsRoutes(ctx));
      await api.register(uploadRoutes(ctx));
      await api.register(tasksRoutes(ctx));
      await api.register(notesRoutes(ctx));
      await api.register(commentsRoutes(ctx));
      await api.register(activitiesRoutes(ctx));
      await api.register(activityStreamRoutes(ctx));
      await api.register(calendarRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(exposureRoutes(ctx));
      await api.register(webhooksRoutes(ctx));
      await api.register(realtimeRoutes(ctx));
      await api.register(notificationsRoutes(ctx));
      await api.register(preferencesRoutes(ctx));
      await api.register(unsubscribeRoutes(ctx));
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
