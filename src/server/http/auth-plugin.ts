import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANONYMOUS, extranetClosedTo } from '../authz/actor.js';
import { loadActor } from '../authz/actor-loader.js';
import { publicOrigin } from '../config/config.js';
import type { AppContext } from '../context.js';
import { beginRequest } from '../db/client.js';
import { sessionTimeouts } from '../modules/auth/auth.service.js';
import { resolveSession } from '../modules/auth/session.repo.js';
import { resolveToken } from '../modules/me/api-tokens.service.js';
import type { RouteAccess } from './fastify-types.js';
import { extranetClosed, HttpProblem, unauthorized } from './problems.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGOUT = '/api/v1/auth/logout';

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

/**
 * A state-changing request that relies on the browser's cookie must come from our own pages:
 * the Origin header (sent by every current browser on such requests) must be the public origin.
 */
function isCrossSite(ctx: AppContext, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  return origin !== undefined
    ? origin !== publicOrigin(ctx.config)
    : fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none';
}

function crossSiteRefused(ctx: AppContext): HttpProblem {
  const expected = publicOrigin(ctx.config);
  return new HttpProblem(403, 'Forbidden', `Cross-site request refused. Use Foyer at ${expected}, or authenticate with an API token.`);
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** Whether another site may post to it (see `crossSite` in fastify-types.ts). */
  crossSite: boolean;
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null as never);
  // The route table with each route's access, read by the route-coverage and authorization tests.
  const table: RegisteredRoute[] = [];
  app.decorate('routeTable', table);

  // Deny by default: an API route that does not say who may call it is a programming error, caught
  // at start. Outside /api/v1 live only the web UI's files and the API docs, which are public.
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      if (route.url.startsWith('/api/v1')) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
      }
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config.access as RouteAccess;
    const crossSite = route.config.crossSite === 'allowed';
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access, crossSite });
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    // Only the API acts for someone; the UI's files, the docs and health checks never look up a session.
    if (request.is404 || !request.url.startsWith('/api/v1/')) return;
    beginRequest(ctx.db);
    // Read once: Fastify builds a new routeOptions object on every access.
    const { access, crossSite: crossSiteRule } = request.routeOptions.config;
    const token = bearerToken(request);
    if (token !== undefined) {
      const row = token ? await resolveToken(ctx, token) : null;
      // A wrong token is an error, never a silent fall-back to anonymous or to the cookie.
      if (!row) throw unauthorized();
      request.actor = await loadActor(ctx.db, row, { type: 'token', tokenId: row.tokenId });
    } else {
      const crossSite = !SAFE_METHODS.has(request.method) && isCrossSite(ctx, request);
      if (crossSite && crossSiteRule !== 'allowed') throw crossSiteRefused(ctx);
      // A cross-site request a route allows acts for nobody: the cookie came along, not the person.
      const secret = crossSite ? undefined : readSessionCookie(ctx.config, request);
      if (secret) {
        const session = await resolveSession(ctx.db, secret, sessionTimeouts(ctx));
        if (session) request.actor = await loadActor(ctx.db, session.user, { type: 'session', idHash: session.idHash });
        else clearSessionCookie(ctx.config, reply);
      }
    }
    if (access !== 'public' && request.actor.type !== 'user') throw unauthorized();
    // With the extranet switched off guests keep their accounts but may do nothing except sign out.
    if (extranetClosedTo(request.actor) && !request.url.startsWith(LOGOUT)) throw extranetClosed();
  });
}
