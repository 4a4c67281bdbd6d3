import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/server/http/session-cookie.js';
import { makeAdmin, makeEmployee, makeGuest } from '../support/factories.js';
import { call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

function expectProblem(response: LightMyRequestResponse, status: number): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  expect(response.body).not.toMatch(/\bat .+\(.*:\d+:\d+\)|node_modules|\.ts:\d+/);
  return body;
}

const json = { 'content-type': 'application/json' };

describe('problem documents and request ids', () => {
  it('puts a distinct x-request-id on every response, success or error', async () => {
    const responses = [
      await call(t.app, 'GET', '/healthz'),
      await call(t.app, 'GET', '/api/v1/instance'),
      await call(t.app, 'GET', '/api/v1/me'),
      await call(t.app, 'GET', '/api/v1/no-such-thing'),
      await call(t.app, 'POST', '/api/v1/auth/login', '{"email":', {}, json),
      await call(t.app, 'POST', '/api/v1/auth/login', JSON.stringify({ email: 'x'.repeat(1024 * 1024 + 1) }), {}, json),
      await call(t.app, 'POST', '/api/v1/auth/logout', undefined, {}, { origin: 'https://evil.example' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 401, 404, 400, 413, 403]);
    const ids = responses.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ignores a request id sent by the client', async () => {
    const response = await call(t.app, 'GET', '/healthz', undefined, {}, { 'x-request-id': 'forged\r\nid' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown API path, an unknown user and a user the caller may not see with byte-identical 404s', async () => {
    // Guests may sign in only while the extranet is open.
    await t.ctx.db
      .insertInto('settings')
      .values({ key: 'extranetEnabled', value: 'true' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'true' }))
      .execute();
    const guest = await makeGuest(t.ctx);
    const employee = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, guest.email, guest.password);

    const unknownPath = await call(t.app, 'GET', '/api/v1/no-such-thing', undefined, { cookie });
    const unknownUser = await call(t.app, 'GET', `/api/v1/users/${randomUUID()}`, undefined, { cookie });
    const hiddenUser = await call(t.app, 'GET', `/api/v1/users/${employee.id}`, undefined, { cookie });
    expectProblem(unknownPath, 404);
    expect(unknownUser.statusCode).toBe(404);
    expect(hiddenUser.statusCode).toBe(404);
    expect(unknownUser.body).toBe(unknownPath.body);
    expect(hiddenUser.body).toBe(unknownPath.body);
    expect(hiddenUser.headers['content-type']).toBe(unknownPath.headers['content-type']);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    expectProblem(await call(t.app, 'POST', '/api/v1/auth/login', '{"email": "a@b.example", ', {}, json), 400);
  });

  it('answers a body over 1 MiB with a 413 problem', async () => {
    const huge = JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(1024 * 1024) });
    expectProblem(await call(t.app, 'POST', '/api/v1/auth/login', huge, {}, json), 413);
  });

  it('answers a missing required field with a 400 problem naming it', async () => {
    const body = expectProblem(await call(t.app, 'POST', '/api/v1/auth/login', { password: 'whatever it is' }), 400);
    expect(body.errors).toEqual([expect.objectContaining({ path: '/email', message: expect.any(String) })]);
  });
});

describe('cross-site requests with the session cookie', () => {
  it('refuses POST, PATCH and DELETE from another origin with 403 and changes nothing', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    const token = (await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'kept' }, { cookie })).json();
    const evil = { origin: 'https://evil.example' };

    expectProblem(await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'planted' }, { cookie }, evil), 403);
    expectProblem(await call(t.app, 'PATCH', '/api/v1/me', { name: 'Renamed By Evil' }, { cookie }, evil), 403);
    expectProblem(await call(t.app, 'DELETE', `/api/v1/me/tokens/${token.id}`, undefined, { cookie }, evil), 403);

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).json().name).toBe(user.name);
    const tokens = (await call(t.app, 'GET', '/api/v1/me/tokens', undefined, { cookie })).json().items;
    expect(tokens.map((i: { name: string }) => i.name)).toEqual(['kept']);
  });

  it('refuses a state change marked sec-fetch-site cross-site or same-site when the browser sent no origin', async () => {
    const admin = await makeAdmin(t.ctx);
    const victim = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, admin.email, admin.password);

    for (const site of ['cross-site', 'same-site']) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${victim.id}`,
        payload: { status: 'suspended' },
        headers: { cookie, 'sec-fetch-site': site },
      });
      expectProblem(response, 403);
    }
    expect((await call(t.app, 'GET', `/api/v1/users/${victim.id}`, undefined, { cookie })).json().status).toBe('active');
  });
});

describe('the one route another site may post to', () => {
  it('is the one-click unsubscribe, and every other state change refuses another site before anything else', async () => {
    const allowed = t.app.routeTable.filter((r) => r.crossSite).map((r) => `${r.method} ${r.url}`);
    expect(allowed).toEqual(['POST /api/v1/unsubscribe']);

    const admin = await makeAdmin(t.ctx);
    const cookie = await signIn(t.app, admin.email, admin.password);
    const changes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/api/v1/') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !r.crossSite,
    );
    expect(changes.length).toBeGreaterThan(50);
    const answered: string[] = [];
    for (const route of changes) {
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: route.url.replace(/:(\w+)/g, () => randomUUID()),
        headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
        payload: '{}',
      });
      const refused = response.statusCode === 403 && String(response.json().detail).startsWith('Cross-site request refused');
      if (!refused) answered.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(answered).toEqual([]);
  });

  it('never reads the cookie that comes along with another site’s post', async () => {
    // A cookie the server does not know would be cleared (set-cookie) if it were read.
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unsubscribe?token=not-a-token',
      headers: { cookie: `${sessionCookieName(t.config)}=${randomUUID()}`, origin: 'https://mail.example.net' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['set-cookie']).toBeUndefined();
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unsubscribe?token=not-a-token',
      headers: { cookie: `${sessionCookieName(t.config)}=${randomUUID()}` },
    });
    expect(same.statusCode).toBe(404);
    expect(String(same.headers['set-cookie'])).toContain(`${sessionCookieName(t.config)}=;`);
  });
});

describe('security headers', () => {
  it('sends API answers a CSP that allows nothing, no-store, nosniff and a referrer policy, no HSTS over http, and no version banner', async () => {
    for (const response of [
      await call(t.app, 'GET', '/api/v1/instance'),
      await call(t.app, 'GET', '/api/v1/me'),
      await call(t.app, 'GET', '/api/v1/nope'),
    ]) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toEqual(expect.any(String));
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers.server).toBeUndefined();
    }
  });

  describe('over https', () => {
    let secure: TestApp;
    beforeAll(async () => {
      secure = await startTestApp({ FOYER_PUBLIC_URL: 'https://foyer.test' });
    });
    afterAll(async () => {
      await secure.close();
    });

    it('names the session cookie __Host-foyer_session, marks it Secure, and sends HSTS', async () => {
      const user = await makeEmployee(secure.ctx);
      const login = await call(
        secure.app,
        'POST',
        '/api/v1/auth/login',
        { email: user.email, password: user.password },
        {},
        { origin: 'https://foyer.test' },
      );
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === '__Host-foyer_session');
      expect(cookie).toMatchObject({ secure: true, path: '/', httpOnly: true, sameSite: 'Lax' });
      expect(cookie?.domain).toBeUndefined();
      expect(String(login.headers['strict-transport-security'])).toMatch(/max-age=\d+/);

      const me = await call(secure.app, 'GET', '/api/v1/me', undefined, { cookie: `__Host-foyer_session=${cookie?.value}` });
      expect(me.statusCode).toBe(200);
    });
  });
});

describe('operations and documentation', () => {
  it('answers /healthz and /readyz with 200', async () => {
    const health = await call(t.app, 'GET', '/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await call(t.app, 'GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('publishes OpenAPI 3.1 listing every /api/v1 route with its path parameters and responses', async () => {
    const response = await call(t.app, 'GET', '/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\.1\./);

    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const route of routes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths?.[path]?.[route.method.toLowerCase()];
      if (!operation || Object.keys(operation.responses ?? {}).length === 0) {
        missing.push(`${route.method} ${path}`);
        continue;
      }
      for (const [, param] of route.url.matchAll(/:(\w+)/g)) {
        const declared = (operation.parameters ?? []).some((p: { in: string; name: string }) => p.in === 'path' && p.name === param);
        if (!declared) missing.push(`${route.method} ${path} parameter ${param}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves the browsable API documentation at /api/docs', async () => {
    const response = await call(t.app, 'GET', '/api/docs', undefined, {}, { accept: 'text/html' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
    // The strict CSP blocks inline scripts, so the page must load all of its code from files.
    expect(response.body).toMatch(/<script[^>]*\ssrc=/);
    expect(response.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
