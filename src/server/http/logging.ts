import type { FastifyServerOptions } from 'fastify';

// Long random path segments are link tokens (invitations, feeds); uuids are ids and stay readable.
const SECRET_SEGMENT = /\/(?![0-9a-f]{8}-[0-9a-f]{4}-)[A-Za-z0-9_-]{32,}(?=\/|\?|$)/g;

export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  return path.replace(SECRET_SEGMENT, '/[redacted]') + (query ? '?[query]' : '');
}

/** pino options: one JSON line per event; never a password, token, cookie or link secret. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.currentPassword', '*.newPassword'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), ip: req.ip }),
    },
  };
}
