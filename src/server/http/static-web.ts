import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the web UI, relative to the compiled server (dist/server/http → dist/web). */
export function defaultWebRoot(): string {
  return path.resolve(import.meta.dirname, '../../web');
}

/**
 * Serves the built web UI. Client-side routes (any GET for a page outside /api) get index.html;
 * returns a function the not-found handler uses for that fallback.
 */
export async function registerWebUi(
  app: FastifyInstance,
  root: string,
): Promise<((req: FastifyRequest, reply: FastifyReply) => boolean) | null> {
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'web UI not built: only the API is served (run npm run build)');
    return null;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    // One route per built file, found at start: an unknown path never touches the disk.
    wildcard: false,
    setHeaders(res, filePath) {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (request, reply) => {
    const url = request.url;
    if (request.method !== 'GET' || url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz') || url.startsWith('/readyz'))
      return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    reply.header('cache-control', 'no-cache');
    void reply.sendFile('index.html');
    return true;
  };
}
