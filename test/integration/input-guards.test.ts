import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PATH_PART } from '../../src/server/app.js';
import { encodeCursor } from '../../src/server/lib/cursor.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, errorPaths, managerWithWorkspace } from '../support/workspaces.js';

// Input no person types, sent to the real app: each is refused with a 400 naming the field, before
// anything is written, on both engines alike.

let t: TestApp;
let admin: Caller & { id: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
});
afterAll(async () => {
  await t.close();
});

const errorsOf = (response: { json(): unknown }) => (response.json() as { errors: { path: string; message: string }[] }).errors;

describe('endless numbers', () => {
  it.each([
    ['/api/v1/users?limit=Infinity', '/querystring/limit'],
    ['/api/v1/workspaces?limit=-Infinity', '/querystring/limit'],
    ['/api/v1/me/tasks?limit=1e400', '/querystring/limit'],
    ['/api/v1/audit?limit=Infinity', '/querystring/limit'],
    ['/api/v1/exposure/summary?inactiveDays=Infinity', '/querystring/inactiveDays'],
  ])('GET %s answers 400 naming %s', async (url, path) => {
    const response = await call(t.app, 'GET', url, undefined, admin);
    expect(response.statusCode, response.body).toBe(400);
    expect(errorsOf(response)).toEqual([{ path, message: 'must be a finite number' }]);
  });

  it('never saves a setting the request was refused for', async () => {
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { guestSeatLimit: 10 }, admin)).statusCode).toBe(200);
    const changes = () => t.ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'settings.changed').execute();
    const before = await changes();
    expect(before.length).toBeGreaterThan(0);
    for (const value of ['Infinity', '-Infinity', '1e400']) {
      const response = await call(t.app, 'PATCH', '/api/v1/settings', { guestSeatLimit: value, inviterQuota: 3 }, admin);
      expect(response.statusCode, response.body).toBe(400);
      expect(errorPaths(response)).toEqual(['/guestSeatLimit']);
    }
    const settings = (await call(t.app, 'GET', '/api/v1/settings', undefined, admin)).json() as Record<string, unknown>;
    expect(settings.guestSeatLimit).toBe(10);
    expect(settings.inviterQuota).not.toBe(3);
    expect(await changes()).toHaveLength(before.length);
  });
});

describe('text', () => {
  it('refuses a lone surrogate in a body, naming the field, and stores nothing', async () => {
    const body = await call(t.app, 'POST', '/api/v1/topics', '{"name":"Sur\\ud800rogate"}', admin, { 'content-type': 'application/json' });
    expect(body.statusCode, body.body).toBe(400);
    expect(errorsOf(body)).toEqual([{ path: '/name', message: 'must be valid Unicode text' }]);
    const topics = (await call(t.app, 'GET', '/api/v1/topics', undefined, admin)).json() as { items: { name: string }[] };
    expect(topics.items.map((topic) => topic.name)).not.toContain('Sur\ud800rogate');
  });

  it('refuses a cursor hiding a NUL character or a lone surrogate', async () => {
    for (const sortName of ['\u0000', 'a\ud800']) {
      const cursor = encodeCursor({ sortName, id: 'x' });
      const response = await call(t.app, 'GET', `/api/v1/users?cursor=${cursor}`, undefined, admin);
      expect(response.statusCode, response.body).toBe(400);
      expect(errorPaths(response)).toEqual(['/querystring/cursor']);
    }
    const notification = encodeCursor({ at: '\u0000', id: 'x' });
    const response = await call(t.app, 'GET', `/api/v1/me/notifications?cursor=${notification}`, undefined, admin);
    expect(response.statusCode, response.body).toBe(400);
  });
});

describe('bodies of a type a route does not take', () => {
  it('answers a form sent to a JSON route with a 415 problem document, and stores nothing', async () => {
    const boundary = 'foyer-test-boundary';
    const form = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nFrom a form\r\n--${boundary}--\r\n`;
    const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const response = await call(t.app, 'POST', '/api/v1/topics', form, admin, multipart);
    expect(response.statusCode, response.body).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    // Also beside the routes that do take files.
    const document = await call(t.app, 'PATCH', `/api/v1/documents/${crypto.randomUUID()}`, form, admin, multipart);
    expect(document.statusCode, document.body).toBe(415);
    const topics = (await call(t.app, 'GET', '/api/v1/topics', undefined, admin)).json() as { items: { name: string }[] };
    expect(topics.items.map((topic) => topic.name)).not.toContain('From a form');
  });
});

describe('deeply nested bodies', () => {
  it.each([40, 5_000])('refuses a body nested %i levels deep, even before signing in', async (depth) => {
    const payload = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const response = await call(t.app, 'POST', '/api/v1/auth/login', payload, {}, { 'content-type': 'application/json' });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(400);
    expect(errorsOf(response)[0]?.message).toBe('is nested more than 32 levels deep');
  });

  it('still takes a body of ordinary depth', async () => {
    const m = await managerWithWorkspace(t);
    const response = await call(
      t.app,
      'PATCH',
      `/api/v1/workspaces/${m.workspaceId}`,
      { itemDetails: [{ label: 'Serial number', value: 'SN-1', visibility: 'shared' }] },
      m.caller,
    );
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('messages people read under a field', () => {
  it('says what is wrong in words, one sentence per field', async () => {
    const m = await managerWithWorkspace(t);
    const invitation = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${m.workspaceId}/invitations`,
      { email: 'not-an-email', role: 'guest' },
      m.caller,
    );
    expect(invitation.statusCode).toBe(400);
    expect(errorsOf(invitation)).toEqual([{ path: '/email', message: 'must be an e-mail address, such as name@example.com' }]);

    const task = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${m.workspaceId}/tasks`,
      { title: '   ', dueOn: '2026-13', visibility: 'nobody' },
      m.caller,
    );
    expect(task.statusCode).toBe(400);
    expect(errorsOf(task)).toEqual([
      { path: '/title', message: 'must not be blank' },
      { path: '/dueOn', message: 'must be a date, such as 2026-12-31, or be left empty' },
      { path: '/visibility', message: 'must be one of: shared, internal' },
    ]);

    const missing = await call(t.app, 'POST', '/api/v1/auth/login', { email: 'someone@company.example' });
    expect(errorsOf(missing)).toEqual([{ path: '/password', message: 'is required' }]);
  });
});

describe('requests the router refuses', () => {
  it('answers a path that is not valid percent-encoding with a problem document that does not repeat it', async () => {
    const response = await call(t.app, 'GET', '/api/v1/tasks/%ZZsecret', undefined, admin);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBeTruthy();
    expect(errorPaths(response)).toEqual(['/params']);
    expect(response.body).not.toContain('secret');
  });

  it('answers a path part longer than any id exactly like one that does not exist', async () => {
    const long = await call(t.app, 'GET', `/api/v1/tasks/${'a'.repeat(MAX_PATH_PART + 1)}`, undefined, admin);
    const missing = await call(t.app, 'GET', '/api/v1/tasks/00000000-0000-4000-8000-000000000000', undefined, admin);
    expect(long.statusCode).toBe(404);
    expect(long.body).toBe(missing.body);
    expect(long.headers['content-type']).toBe(missing.headers['content-type']);
    expect(long.headers['cache-control']).toBe('no-store');
  });

  it('passes on every path part a route accepts, such as a long allowed webhook host', async () => {
    const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example`;
    expect((await call(t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host }, admin)).statusCode).toBe(201);
    const removed = await call(t.app, 'DELETE', `/api/v1/webhooks/allowed-hosts/${encodeURIComponent(host)}`, undefined, admin);
    expect(removed.statusCode, removed.body).toBe(204);
    const left = (await call(t.app, 'GET', '/api/v1/webhooks/allowed-hosts', undefined, admin)).body;
    expect(left).not.toContain(host);
  });

  it('answers malformed HTTP with a problem document and closes the connection', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n'),
      );
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('Content-Type: application/problem+json; charset=utf-8');
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { status: number; detail: string };
    expect(body).toMatchObject({ status: 400, detail: 'The request is not valid HTTP.' });
  });
});
