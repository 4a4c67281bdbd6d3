import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';

// Long random path segments are link tokens (invitations, feeds: `<id>.<secret>.ics`, also percent-encoded); uuids are ids and stay readable.
const SECRET_SEGMENT = /\/(?![0-9a-f]{8}-[0-9a-f]{4}-)[A-Za-z0-9_.%-]{32,}(?=\/|\?|$)/g;

export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  return path.replace(SECRET_SEGMENT, '/[redacted]') + (query ? '?[query]' : '');
}

/**
 * One JSON line per event; never a password, token, cookie or link secret. Lines are written
 * asynchronously (a synchronous write per request cost more than the rest of the request's logging)
 * and still appear at once; pino flushes what is pending when the process exits.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        // Explicit paths only: wildcard paths make pino walk every logged object.
        paths: [
          'password',
          'token',
          'currentPassword',
          'newPassword',
          'body.password',
          'body.token',
          'body.currentPassword',
          'body.newPassword',
          'headers.authorization',
          'headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}

/** What the one log line of an answered request says. */
export function requestLine(request: FastifyRequest, reply: FastifyReply) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    ip: request.ip,
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime * 10) / 10,
  };
}
