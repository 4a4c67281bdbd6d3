import type { Actor } from '../authz/actor.js';

/** Every route declares who may call it: `public`, or `user` (any signed-in person; services decide the rest). */
export type RouteAccess = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    routeTable: import('./auth-plugin.js').RegisteredRoute[];
  }
}
