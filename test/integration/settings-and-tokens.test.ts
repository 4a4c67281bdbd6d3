import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdmin, makeEmployee } from '../support/factories.js';
import { type Caller, call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signedIn(user: { email: string; password: string }): Promise<Caller> {
  return { cookie: await signIn(t.app, user.email, user.password) };
}

async function newToken(caller: Caller, name = 'deploy script'): Promise<{ id: string; token: string }> {
  const response = await call(t.app, 'POST', '/api/v1/me/tokens', { name }, caller);
  expect(response.statusCode).toBe(201);
  return response.json();
}

describe('organization settings on a new installation', () => {
  // Its own app: the other tests change the settings this one reads as defaults.
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await startTestApp();
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('shows the settings, with the extranet off by default, to every signed-in employee', async () => {
    // Guests cannot sign in while the extranet is off; extranet-settings.test.ts covers what they read once it is on.
    for (const user of [await makeEmployee(fresh.ctx), await makeAdmin(fresh.ctx)]) {
      const cookie = await signIn(fresh.app, user.email, user.password);
      const response = await call(fresh.app, 'GET', '/api/v1/settings', undefined, { cookie });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ organizationName: null, extranetEnabled: false });
    }
    expect((await call(fresh.app, 'GET', '/api/v1/settings')).statusCode).toBe(401);
  });
});

describe('organization settings', () => {
  it('lets an administrator change the settings, keeps them, and records the change', async () => {
    const adminUser = await makeAdmin(t.ctx);
    const admin = await signedIn(adminUser);
    const patch = await call(t.app, 'PATCH', '/api/v1/settings', { organizationName: 'Acme Industries', extranetEnabled: true }, admin);
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ organizationName: 'Acme Industries', extranetEnabled: true });

    const seenByEmployee = await call(t.app, 'GET', '/api/v1/settings', undefined, await signedIn(await makeEmployee(t.ctx)));
    expect(seenByEmployee.json()).toMatchObject({ organizationName: 'Acme Industries', extranetEnabled: true });
    expect((await call(t.app, 'GET', '/api/v1/instance')).json().organizationName).toBe('Acme Industries');

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'settings.changed')
      .where('actor_id', '=', adminUser.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({
      changed: { organizationName: 'Acme Industries', extranetEnabled: true },
    });
  });

  it('answers 403 to an employee changing the settings and changes nothing', async () => {
    const employeeUser = await makeEmployee(t.ctx);
    const employee = await signedIn(employeeUser);
    const before = (await call(t.app, 'GET', '/api/v1/settings', undefined, employee)).json();

    const patch = await call(
      t.app,
      'PATCH',
      '/api/v1/settings',
      { organizationName: 'Hijacked Ltd', extranetEnabled: !before.extranetEnabled },
      employee,
    );
    expect(patch.statusCode).toBe(403);
    expect(patch.headers['content-type']).toMatch(/application\/problem\+json/);

    expect((await call(t.app, 'GET', '/api/v1/settings', undefined, employee)).json()).toEqual(before);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'settings.changed')
      .where('actor_id', '=', employeeUser.id)
      .execute();
    expect(audit).toEqual([]);
  });
});

describe('my profile', () => {
  it('changes my name, and others see the new name', async () => {
    const user = await makeEmployee(t.ctx);
    const me = await signedIn(user);
    const patch = await call(t.app, 'PATCH', '/api/v1/me', { name: '  Renamed Person  ' }, me);
    expect(patch.statusCode).toBe(200);
    expect(patch.json().name).toBe('Renamed Person');

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, me)).json().name).toBe('Renamed Person');
    const colleague = await signedIn(await makeEmployee(t.ctx));
    expect((await call(t.app, 'GET', `/api/v1/users/${user.id}`, undefined, colleague)).json().name).toBe('Renamed Person');
  });

  it('refuses a blank name with 400 naming /name', async () => {
    const me = await signedIn(await makeEmployee(t.ctx));
    const patch = await call(t.app, 'PATCH', '/api/v1/me', { name: '   ' }, me);
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors.map((e: { path: string }) => e.path)).toEqual(['/name']);
  });
});

describe('personal API tokens', () => {
  it('creates a token shown once, which then authenticates requests as its owner', async () => {
    const user = await makeEmployee(t.ctx);
    const created = await newToken(await signedIn(user));
    expect(created.token).toMatch(/^foyer_pat_/);

    const me = await call(t.app, 'GET', '/api/v1/me', undefined, { token: created.token });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, email: user.email });
  });

  it('exempts bearer requests from the same-origin rule', async () => {
    const user = await makeEmployee(t.ctx);
    const { token } = await newToken(await signedIn(user));

    const patch = await call(t.app, 'PATCH', '/api/v1/me', { name: 'Set By Script' }, { token }, { origin: 'https://evil.example' });
    expect(patch.statusCode).toBe(200);
    const post = await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'second' }, { token }, { origin: 'https://evil.example' });
    expect(post.statusCode).toBe(201);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { token })).json().name).toBe('Set By Script');
  });

  it('never shows the secret again in the list of tokens', async () => {
    const me = await signedIn(await makeEmployee(t.ctx));
    const first = await newToken(me, 'first');
    const second = await newToken(me, 'second');

    const listed = await call(t.app, 'GET', '/api/v1/me/tokens', undefined, me);
    expect(listed.statusCode).toBe(200);
    expect(
      listed
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(listed.body).not.toContain(first.token);
    expect(listed.body).not.toContain(second.token);
    expect(listed.body).not.toContain('foyer_pat_');
    for (const item of listed.json().items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);
  });

  it('stops accepting a revoked token on the very next request', async () => {
    const me = await signedIn(await makeEmployee(t.ctx));
    const { id, token } = await newToken(me);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { token })).statusCode).toBe(200);

    expect((await call(t.app, 'DELETE', `/api/v1/me/tokens/${id}`, undefined, me)).statusCode).toBe(204);
    const after = await call(t.app, 'GET', '/api/v1/me', undefined, { token });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await call(t.app, 'GET', '/api/v1/me/tokens', undefined, me)).json().items).toEqual([]);
  });

  it("answers 404 for someone else's token, identical to an unknown id, and leaves it working", async () => {
    const owner = await signedIn(await makeEmployee(t.ctx));
    const { id, token } = await newToken(owner);
    const admin = await signedIn(await makeAdmin(t.ctx));

    const foreign = await call(t.app, 'DELETE', `/api/v1/me/tokens/${id}`, undefined, admin);
    const unknown = await call(t.app, 'DELETE', `/api/v1/me/tokens/${randomUUID()}`, undefined, admin);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(unknown.body);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { token })).statusCode).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/me/tokens', undefined, admin)).json().items).toEqual([]);
  });

  it('answers 401 to a malformed or unknown bearer token, never falling back to anonymous or to the cookie', async () => {
    const me = await signedIn(await makeEmployee(t.ctx));
    const unknown = `foyer_pat_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${unknown}`, 'Bearer not-a-foyer-token', 'Bearer', 'Basic dXNlcjpwYXNz']) {
      const onPrivate = await call(t.app, 'GET', '/api/v1/me', undefined, me, { authorization });
      expect(onPrivate.statusCode, authorization).toBe(401);
      const onPublic = await call(t.app, 'GET', '/api/v1/instance', undefined, {}, { authorization });
      expect(onPublic.statusCode, authorization).toBe(401);
      expect(onPublic.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});
