import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions, type Logger } from 'pino';

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

type AnyLogFn = (...args: unknown[]) => void;

/**
 * A request's own logger (its lines carry the request id), made only when something logs through
 * it. Building a pino child costs more than the rest of a request's logging, and most requests log
 * nothing but their one line, which `logRequest` writes through the parent.
 */
class RequestLogger {
  #made: FastifyBaseLogger | undefined;
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get #logger(): FastifyBaseLogger {
    this.#made ??= this.#parent.child(this.#bindings, this.#options);
    return this.#made;
  }

  get level(): string {
    return this.#logger.level;
  }
  set level(level: string) {
    this.#logger.level = level;
  }
  fatal(...args: unknown[]) {
    (this.#logger.fatal as AnyLogFn)(...args);
  }
  error(...args: unknown[]) {
    (this.#logger.error as AnyLogFn)(...args);
  }
  warn(...args: unknown[]) {
    (this.#logger.warn as AnyLogFn)(...args);
  }
  info(...args: unknown[]) {
    (this.#logger.info as AnyLogFn)(...args);
  }
  debug(...args: unknown[]) {
    (this.#logger.debug as AnyLogFn)(...args);
  }
  trace(...args: unknown[]) {
    (this.#logger.trace as AnyLogFn)(...args);
  }
  silent(...args: unknown[]) {
    (this.#logger.silent as AnyLogFn)(...args);
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: every request gets a `RequestLogger`. */
export function requestLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new RequestLogger(parent, bindings, options) as unknown as FastifyBaseLogger;
}

/** The one line of an answered request, with its id, as its own logger would write it. */
export function logRequest(log: FastifyBaseLogger, request: FastifyRequest, reply: FastifyReply): void {
  log.info({ reqId: request.id, ...requestLine(request, reply) }, 'request completed');
}
