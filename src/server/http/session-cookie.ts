import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';

// Over HTTPS the __Host- prefix pins the cookie to this exact origin (Secure, Path=/, no Domain).
export function sessionCookieName(config: Config): string {
  return config.secure ? '__Host-foyer_session' : 'foyer_session';
}

export function readSessionCookie(config: Config, request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(config)] || undefined;
}

export function setSessionCookie(config: Config, reply: FastifyReply, secret: string): void {
  reply.setCookie(sessionCookieName(config), secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secure,
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(config: Config, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secure });
}
