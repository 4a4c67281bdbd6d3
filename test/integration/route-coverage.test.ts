import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/**
 * Every /api/v1 route anyone may call without signing in. Adding a public route means adding it
 * here on purpose, together with the tests of what it reveals and how it is throttled.
 */
const EXPECTED_PUBLIC_ROUTES = [
  'GET /api/v1/instance',
  'GET /api/v1/openapi.json',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/setup',
  // The invitation link: throttled like sign-in; reveals only what the invitee needs to decide.
  'GET /api/v1/invitations/:token',
  'POST /api/v1/invitations/:token/accept',
  // The calendar feed: the secret URL is the credential; throttled per address, 404 for anything wrong.
  'GET /api/v1/calendar/:token',
  // One-click unsubscribe (RFC 8058): the signed link is the credential; GET only tells what it
  // would switch off, POST switches that kind of e-mail off; wrong tokens are throttled per address.
  'GET /api/v1/unsubscribe',
  'POST /api/v1/unsubscribe',
];

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'HEAD';

const apiRoutes = () => t.app.routeTable.filter((r) => r.url === '/api/v1' || r.url.startsWith('/api/v1/'));
// HEAD routes are Fastify's automatic twins of the GET routes and share their access.
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('route coverage', () => {
  it('finds the API routes in the running app', () => {
    expect(apiRoutes().length).toBeGreaterThan(EXPECTED_PUBLIC_ROUTES.length);
    expect(apiRoutes().map(key)).toEqual(expect.arrayContaining(['GET /api/v1/me', 'GET /api/v1/users/:id', 'PATCH /api/v1/settings']));
  });

  it('has every /api/v1 route declare its access as public or user', () => {
    const undeclared = apiRoutes().filter((r) => r.access !== 'public' && r.access !== 'user');
    expect(undeclared.map(key)).toEqual([]);
  });

  it('exposes exactly the expected public /api/v1 routes', () => {
    const publicRoutes = apiRoutes()
      .filter((r) => r.access === 'public' && r.method !== 'HEAD')
      .map(key)
      .sort();
    expect(publicRoutes).toEqual([...EXPECTED_PUBLIC_ROUTES].sort());
    const publicHeads = apiRoutes().filter((r) => r.access === 'public' && r.method === 'HEAD');
    for (const head of publicHeads) expect(EXPECTED_PUBLIC_ROUTES).toContain(`GET ${head.url}`);
  });

  it('answers 401 with a problem document to an anonymous call of every other route', async () => {
    const privateRoutes = apiRoutes().filter((r) => r.access !== 'public');
    expect(privateRoutes.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const route of privateRoutes) {
      const url = route.url.replace(/:\w+/g, () => randomUUID());
      const body = route.method === 'GET' || route.method === 'HEAD' ? undefined : {};
      const response = await call(t.app, route.method as Method, url, body);
      const isProblem = String(response.headers['content-type']).startsWith('application/problem+json');
      const hasBody = route.method === 'HEAD' || (response.body !== '' && response.json().status === 401);
      if (response.statusCode !== 401 || !isProblem || !hasBody)
        wrong.push(`${key(route)} → ${response.statusCode} ${response.headers['content-type']}`);
    }
    expect(wrong).toEqual([]);
  });
});
