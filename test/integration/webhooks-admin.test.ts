import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/server/modules/webhooks/webhook-address.js';
import { openSecret } from '../../src/server/modules/webhooks/webhook-secrets.js';
import { sendWebhook } from '../../src/server/modules/webhooks/webhook-sender.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, errorPaths, inviteAndAccept, managerWithWorkspace, signedIn, unique } from '../support/workspaces.js';

// Setting webhooks up: who may, what is refused (server-side request forgery, bad input), what the
// audit log keeps, and that the signing secret is shown once and stored only encrypted.

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

const PUBLIC_URL = 'https://93.184.215.14/foyer/events?token=abc';

const create = (body: Record<string, unknown>, caller: Caller = admin) =>
  call(t.app, 'POST', '/api/v1/webhooks', { name: unique('Hook '), events: ['task.created'], ...body }, caller);

async function auditEntries(action: string) {
  return t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describe('who sets webhooks up', () => {
  it('refuses everyone but administrators, as the other administration pages do', async () => {
    const hook = await create({ url: PUBLIC_URL });
    expect(hook.statusCode, hook.body).toBe(201);
    const id = hook.json().id;
    const employee = await signedIn(t, await makeEmployee(t.ctx));
    const extranetAdmin = await signedIn(t, await makeEmployee(t.ctx, { role: 'extranet_admin' }));
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const requests: [string, string, unknown][] = [
      ['GET', '/api/v1/webhooks', undefined],
      ['POST', '/api/v1/webhooks', { name: 'x', url: PUBLIC_URL, events: ['task.created'] }],
      ['GET', `/api/v1/webhooks/${id}`, undefined],
      ['PATCH', `/api/v1/webhooks/${id}`, { active: false }],
      ['DELETE', `/api/v1/webhooks/${id}`, undefined],
      ['POST', `/api/v1/webhooks/${id}/test`, undefined],
      ['POST', `/api/v1/webhooks/${id}/rotate-secret`, undefined],
      ['GET', `/api/v1/webhooks/${id}/deliveries`, undefined],
      ['GET', '/api/v1/webhooks/event-types', undefined],
      ['GET', '/api/v1/webhooks/allowed-hosts', undefined],
      ['POST', '/api/v1/webhooks/allowed-hosts', { host: 'intranet.example' }],
    ];
    for (const [method, url, body] of requests) {
      for (const caller of [employee, extranetAdmin, manager.caller, guest.caller]) {
        const response = await call(t.app, method as 'GET', url, body, caller);
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(403);
      }
      expect((await call(t.app, method as 'GET', url, body)).statusCode).toBe(401);
    }
    // Nothing changed.
    const after = await call(t.app, 'GET', `/api/v1/webhooks/${id}`, undefined, admin);
    expect(after.json().active).toBe(true);
    expect((await call(t.app, 'GET', '/api/v1/webhooks/allowed-hosts', undefined, admin)).json().items).toEqual([]);
  });

  it('answers 404 for a webhook that does not exist', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/webhooks/0190a0b0-0000-7000-8000-000000000000'],
      ['DELETE', '/api/v1/webhooks/0190a0b0-0000-7000-8000-000000000000'],
      ['GET', '/api/v1/webhooks/0190a0b0-0000-7000-8000-000000000000/deliveries'],
    ] as const)
      expect((await call(t.app, method, url, undefined, admin)).statusCode).toBe(404);
  });
});

describe('server-side request forgery', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://192.168.1.20/',
    'http://172.16.5.4/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://0x7f.1/',
    'http://2130706433/',
  ])('refuses %s with 400 naming /url', async (url) => {
    const response = await create({ url });
    expect(response.statusCode, response.body).toBe(400);
    expect(errorPaths(response)).toEqual(['/url']);
    expect(response.json().errors[0].message).toMatch(/private, loopback or link-local/);
  });

  it.each([
    ['ftp://example.com/', 'must start with https:// or http://'],
    ['http://user:password@example.com/', 'must not contain a user name or password'],
    ['not a url', 'is not a URL'],
  ])('refuses %s naming /url', async (url, message) => {
    const response = await create({ url });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: '/url', message }]);
  });

  it('accepts a host an administrator allowed, and refuses it again once removed', async () => {
    const added = await call(t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host: 'LocalHost' }, admin);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ host: 'localhost', createdBy: { id: admin.id } });
    expect((await call(t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host: 'localhost' }, admin)).statusCode).toBe(409);
    const accepted = await create({ url: 'http://localhost:9/hook' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    // Allowed by exact name: the address behind it is not allowed by that.
    expect((await create({ url: 'http://127.0.0.1:9/hook' })).statusCode).toBe(400);

    expect((await call(t.app, 'DELETE', '/api/v1/webhooks/allowed-hosts/localhost', undefined, admin)).statusCode).toBe(204);
    expect((await call(t.app, 'DELETE', '/api/v1/webhooks/allowed-hosts/localhost', undefined, admin)).statusCode).toBe(404);
    const refused = await call(t.app, 'PATCH', `/api/v1/webhooks/${accepted.json().id}`, { url: 'http://localhost:10/hook' }, admin);
    expect(refused.statusCode).toBe(400);
    expect(errorPaths(refused)).toEqual(['/url']);
    for (const bad of ['http://intranet.example', 'intranet.example:8080', 'a b'])
      expect(errorPaths(await call(t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host: bad }, admin))).toEqual(['/host']);
  });

  it('connects to the address that was checked, whatever the name says', async () => {
    // A receiver on 127.0.0.1 stands in for the address checked; the name in the URL is never looked up again.
    const hosts: string[] = [];
    const server = http.createServer((request, response) => {
      hosts.push(String(request.headers.host));
      response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const target = parseTarget(`http://rebinding.invalid:${port}/hook`);
      const result = await sendWebhook(target, { address: '127.0.0.1', family: 4 }, { 'content-type': 'application/json' }, '{}');
      expect(hosts).toEqual([`rebinding.invalid:${port}`]);
      // Redirects are not followed: a failed attempt that says where it was sent.
      expect(result.statusCode).toBe(302);
      expect(result.error).toBe('redirect to http://169.254.169.254/ (not followed)');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('webhook input', () => {
  it('names each field it refuses', async () => {
    const noName = await call(t.app, 'POST', '/api/v1/webhooks', { url: PUBLIC_URL, events: ['task.created'] }, admin);
    expect(errorPaths(noName)).toEqual(['/name']);
    const unknown = await create({ url: PUBLIC_URL, events: ['task.created', 'auth.sign_in', 'nonsense'] });
    expect(unknown.statusCode).toBe(400);
    expect(errorPaths(unknown)).toEqual(['/events/1', '/events/2']);
    expect(errorPaths(await create({ url: PUBLIC_URL, events: [] }))).toEqual(['/events']);
    expect(errorPaths(await create({ url: PUBLIC_URL, name: '   ' }))).toEqual(['/name']);
    expect(errorPaths(await create({ url: PUBLIC_URL, active: 'yes' }))).toEqual(['/active']);
    expect(errorPaths(await create({ url: `https://example.com/${'x'.repeat(2000)}` }))).toEqual(['/url']);
  });

  it('publishes the event types integrators choose from, without sign-ins or the audit log', async () => {
    const response = await call(t.app, 'GET', '/api/v1/webhooks/event-types', undefined, admin);
    expect(response.statusCode).toBe(200);
    const types = (response.json().items as { type: string; description: string }[]).map((i) => i.type);
    expect(types).toEqual(
      expect.arrayContaining(['workspace.created', 'member.added', 'document.uploaded', 'task.created', 'comment.created']),
    );
    expect(types.filter((type) => /^(auth|audit|webhook|user|api_token|settings)\./.test(type))).toEqual([]);
  });

  it('changes a webhook with If-Match, and refuses a stale version with 412', async () => {
    const created = await create({ url: PUBLIC_URL });
    const id = created.json().id;
    const etag = created.headers.etag as string;
    const changed = await call(
      t.app,
      'PATCH',
      `/api/v1/webhooks/${id}`,
      { events: ['note.created', 'note.created'], name: 'Notes' },
      admin,
      {
        'if-match': etag,
      },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Notes', events: ['note.created'] });
    expect(changed.headers.etag).not.toBe(etag);
    const stale = await call(t.app, 'PATCH', `/api/v1/webhooks/${id}`, { name: 'Lost' }, admin, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    // Nothing asked: no new version.
    const same = await call(t.app, 'PATCH', `/api/v1/webhooks/${id}`, { unknown: 1 }, admin, { 'if-match': etag });
    expect(same.statusCode).toBe(200);
    expect(same.headers.etag).toBe(changed.headers.etag);
    expect((await call(t.app, 'GET', `/api/v1/webhooks/${id}`, undefined, admin)).json().name).toBe('Notes');
  });
});

describe('the signing secret and the audit log', () => {
  it('shows the secret once, stores it encrypted, and never puts it in an answer or the log', async () => {
    const created = await create({ url: PUBLIC_URL });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const rotated = await call(t.app, 'POST', `/api/v1/webhooks/${id}/rotate-secret`, undefined, admin);
    const newSecret = rotated.json().secret;
    expect(newSecret).not.toBe(secret);

    const answers = [
      await call(t.app, 'GET', '/api/v1/webhooks', undefined, admin),
      await call(t.app, 'GET', `/api/v1/webhooks/${id}`, undefined, admin),
      await call(t.app, 'PATCH', `/api/v1/webhooks/${id}`, { name: 'Renamed' }, admin),
      await call(t.app, 'GET', '/api/v1/audit?limit=200', undefined, admin),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(answer.body).not.toContain(secret);
      expect(answer.body).not.toContain(newSecret);
      expect(answer.body).not.toContain('"secret":');
    }
    const row = await t.ctx.db.selectFrom('webhooks').select('secret').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(newSecret.slice(6));
    expect(openSecret(t.ctx, id, row.secret)).toBe(newSecret);
    // Without the key kept outside the database, or on another webhook's row, it does not open.
    expect(() => openSecret({ linkKey: Buffer.from('another installation key, 32 chars+') }, id, row.secret)).toThrow();
    expect(() => openSecret(t.ctx, unique('other'), row.secret)).toThrow();
    const logged = await t.ctx.db.selectFrom('audit_events').select('details').execute();
    expect(logged.some((e) => e.details.includes(newSecret) || e.details.includes(secret))).toBe(false);
  });

  it('records every change, keeping only where a webhook sends to', async () => {
    const created = await create({ url: PUBLIC_URL, events: ['task.created'] });
    const id = created.json().id;
    await call(t.app, 'PATCH', `/api/v1/webhooks/${id}`, { active: false }, admin);
    await call(t.app, 'POST', `/api/v1/webhooks/${id}/rotate-secret`, undefined, admin);
    await call(t.app, 'POST', `/api/v1/webhooks/${id}/test`, undefined, admin);
    await call(t.app, 'DELETE', `/api/v1/webhooks/${id}`, undefined, admin);
    await call(t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host: 'hooks.intranet.example' }, admin);
    await call(t.app, 'DELETE', '/api/v1/webhooks/allowed-hosts/hooks.intranet.example', undefined, admin);

    const mine = <R extends { target_id: string | null }>(rows: R[]) => rows.filter((r) => r.target_id === id);
    const [createdEntry] = mine(await auditEntries('webhook.created'));
    expect(createdEntry).toMatchObject({ actor_id: admin.id, target_type: 'webhook' });
    expect(JSON.parse(createdEntry?.details ?? '{}')).toEqual({
      name: created.json().name,
      destination: 'https://93.184.215.14',
      events: ['task.created'],
      active: true,
    });
    const updates = mine(await auditEntries('webhook.updated')).map((e) => JSON.parse(e.details).changed);
    expect(updates).toEqual([['active'], ['secret']]);
    expect(mine(await auditEntries('webhook.tested'))).toHaveLength(1);
    expect(mine(await auditEntries('webhook.deleted'))).toHaveLength(1);
    const hostEntries = [...(await auditEntries('webhook.allowed_host_added')), ...(await auditEntries('webhook.allowed_host_removed'))];
    expect(hostEntries.filter((e) => e.target_id === 'hooks.intranet.example')).toHaveLength(2);
    // The token in the URL's query never reaches the log.
    const all = await t.ctx.db.selectFrom('audit_events').select('details').where('action', 'like', 'webhook.%').execute();
    expect(all.some((e) => e.details.includes('token=abc'))).toBe(false);
  });
});
