import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { TEST_ORIGIN } from './test-app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'HEAD';

export interface Caller {
  /** The raw cookie header value, when signed in through the browser flow. */
  cookie?: string;
  /** A personal API token. */
  token?: string;
}

function requestOptions(method: Method, url: string, body: unknown, caller: Caller, headers: Record<string, string>): InjectOptions {
  return {
    method,
    url,
    headers: {
      origin: TEST_ORIGIN,
      ...(caller.cookie ? { cookie: caller.cookie } : {}),
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
  };
}

/** Requests as our own web UI sends them (same origin), or with a bearer token. */
export function call(
  app: FastifyInstance,
  method: Method,
  url: string,
  body?: unknown,
  caller: Caller = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject(requestOptions(method, url, body, caller, headers));
}

/** Like `call`, but from another client address (throttles count per address). */
export function callFrom(
  remoteAddress: string,
  app: FastifyInstance,
  method: Method,
  url: string,
  body?: unknown,
  caller: Caller = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ ...requestOptions(method, url, body, caller, headers), remoteAddress });
}

export function sessionCookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('foyer_session'));
  if (!cookie) throw new Error(`no session cookie in response (${response.statusCode}: ${response.body})`);
  return `${cookie.name}=${cookie.value}`;
}

/** Signs in through the real endpoint and returns the session cookie. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const response = await call(app, 'POST', '/api/v1/auth/login', { email, password });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return sessionCookieFrom(response);
}
