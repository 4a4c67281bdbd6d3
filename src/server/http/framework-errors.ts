import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { sendProblem } from './error-handler.js';
import { logRequest } from './logging.js';
import { HttpProblem, notFound } from './problems.js';
import { apiSecurityHeaders } from './security-headers.js';

/**
 * Requests the router refuses before any route or hook runs (a path that is not valid percent-
 * encoding, a path part longer than any a route accepts) still get a problem document with the
 * usual headers — and never echo the path, which may hold a link secret.
 */
export function frameworkErrorHandler(config: Config) {
  const headers = apiSecurityHeaders(config);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(headers).header('x-request-id', request.id);
    // The router answers these itself, past the hook that logs every answer.
    reply.raw.once('finish', () => logRequest(request.server.log, request, reply));
    // Longer than any path part a route accepts (MAX_PATH_PART, app.ts), so it is answered exactly as "does not exist".
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, notFound());
    return sendProblem(
      reply,
      new HttpProblem(400, 'Bad Request', 'The request contains invalid data.', [
        { path: '/params', message: 'is not valid percent-encoded text' },
      ]),
    );
  };
}

/** Malformed HTTP (a broken request line or chunk, headers over the size limit): a problem document, then the connection closes. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail =
    status === 431
      ? 'The request headers are too large.'
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify(new HttpProblem(status, STATUS_CODES[status] ?? 'Bad Request', detail).toJSON());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
