import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config/config.js';

function pageHelmetOptions(config: Config): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  };
}

/** Runs helmet once against a stand-in response and keeps the headers it would set. */
function headersFrom(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const sink = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, sink as unknown as ServerResponse, () => {});
  return headers;
}

/** Headers for the web UI's pages and files and the API docs: the full strict set. */
export function pageSecurityHeaders(config: Config): Record<string, string> {
  return headersFrom(pageHelmetOptions(config));
}

/**
 * Headers for JSON answers (OWASP REST guidance): nothing in them may ever render, run, be framed
 * or be cached. Shorter than the page set, which matters on the hottest responses.
 */
export function apiSecurityHeaders(config: Config): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
    ...(config.secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

const isApi = (url: string) =>
  (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/healthz') || url.startsWith('/readyz');

/** Security headers decided once at start, plus the request id so every answer matches its log line. */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const api = apiSecurityHeaders(config);
  const pages = pageSecurityHeaders(config);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isApi(request.url) ? api : pages);
    reply.header('x-request-id', request.id);
    done();
  });
}
