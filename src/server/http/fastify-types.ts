import type { Actor } from '../authz/actor.js';

/** Every route declares who may call it: `public`, or `user` (any signed-in person; services decide the rest). */
export type RouteAccess = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The body is a multipart upload with one `file` part, streamed by the handler (see openapi.ts). */
    upload?: boolean;
    /**
     * A state-changing route that a secret in its URL authorizes (RFC 8058 one-click unsubscribe)
     * may be posted from another site; such a request is then never taken as the cookie's person.
     */
    crossSite?: 'allowed';
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    routeTable: import('./auth-plugin.js').RegisteredRoute[];
  }
}
