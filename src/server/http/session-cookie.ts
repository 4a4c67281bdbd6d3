import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';

// Only the session cookie matters to the server, so the header is parsed here, on demand, rather
// than by a plugin on every request.

// Over HTTPS the __Host- prefix pins the cookie to this exact origin (Secure, Path=/, no Domain).
export function sessionCookieName(config: Config): string {
  return config.secure ? '__Host-foyer_session' : 'foyer_session';
}

export function readSessionCookie(config: Config, request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[sessionCookieName(config)] || undefined;
}

function setCookieHeader(config: Config, reply: FastifyReply, value: string, maxAge: number): void {
  reply.header(
    'set-cookie',
    stringifySetCookie(sessionCookieName(config), value, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secure, maxAge }),
  );
}

export function setSessionCookie(config: Config, reply: FastifyReply, secret: string): void {
  setCookieHeader(config, reply, secret, config.sessionAbsoluteHours * 3600);
}

export function clearSessionCookie(config: Config, reply: FastifyReply): void {
  setCookieHeader(config, reply, '', 0);
}
