import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdmin, makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // Guests sign in only while the extranet is open; the closed extranet has its own test below.
  const admin = await makeAdmin(t.ctx);
  const opened = await call(t.app, 'PATCH', '/api/v1/settings', { extranetEnabled: true }, await signedIn(admin));
  expect(opened.statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
});

interface ListedUser {
  id: string;
  name: string;
  email: string;
  status: string;
  abilities: string[];
}

const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const errorPaths = (response: LightMyRequestResponse) => (response.json().errors as { path: string }[]).map((e) => e.path);

async function signedIn(user: { email: string; password: string }): Promise<Caller> {
  return { cookie: await signIn(t.app, user.email, user.password) };
}

async function list(caller: Caller, query = ''): Promise<ListedUser[]> {
  const response = await call(t.app, 'GET', `/api/v1/users?limit=200${query}`, undefined, caller);
  expect(response.statusCode).toBe(200);
  expect(response.json().nextCursor).toBeNull();
  return response.json().items;
}

async function suspend(admin: Caller, id: string): Promise<void> {
  expect((await call(t.app, 'PATCH', `/api/v1/users/${id}`, { status: 'suspended' }, admin)).statusCode).toBe(200);
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select('action')
    .where('target_id', '=', targetId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('creating employees', () => {
  it('lets an administrator create an employee with a lower-cased e-mail and the role user by default', async () => {
    const admin = await signedIn(await makeAdmin(t.ctx));
    const email = `New.Hire-${tag()}@Company.Example`;
    const response = await call(
      t.app,
      'POST',
      '/api/v1/users',
      { email, name: '  Nora Newhire  ', password: 'a long and private passphrase' },
      admin,
    );
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      email: email.toLowerCase(),
      name: 'Nora Newhire',
      kind: 'employee',
      role: 'user',
      status: 'active',
      lastSignInAt: null,
    });
    expect(created.id).toEqual(expect.any(String));
    expect(await auditActions(created.id)).toEqual(['user.created']);

    const login = await call(t.app, 'POST', '/api/v1/auth/login', { email, password: 'a long and private passphrase' });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a second account for the same e-mail, whatever its case, with 409', async () => {
    const admin = await signedIn(await makeAdmin(t.ctx));
    const existing = await makeEmployee(t.ctx);
    const response = await call(
      t.app,
      'POST',
      '/api/v1/users',
      { email: existing.email.toUpperCase(), name: 'Copy Cat', password: 'a long and private passphrase' },
      admin,
    );
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses an invalid e-mail (/email) and a common password (/password) with 400', async () => {
    const admin = await signedIn(await makeAdmin(t.ctx));
    const badEmail = await call(
      t.app,
      'POST',
      '/api/v1/users',
      { email: 'not-an-address', name: 'Nobody', password: 'a long and private passphrase' },
      admin,
    );
    expect(badEmail.statusCode).toBe(400);
    expect(errorPaths(badEmail)).toEqual(['/email']);

    const email = `common-${tag()}@company.example`;
    const common = await call(t.app, 'POST', '/api/v1/users', { email, name: 'Common Pass', password: 'supernatural' }, admin);
    expect(common.statusCode).toBe(400);
    expect(errorPaths(common)).toEqual(['/password']);
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('answers 403 to a non-administrator creating or changing people, and changes nothing', async () => {
    const employee = await signedIn(await makeEmployee(t.ctx));
    const colleague = await makeEmployee(t.ctx);
    const email = `sneaky-${tag()}@company.example`;

    const create = await call(
      t.app,
      'POST',
      '/api/v1/users',
      { email, name: 'Sneaky', password: 'a long and private passphrase' },
      employee,
    );
    expect(create.statusCode).toBe(403);
    const patch = await call(t.app, 'PATCH', `/api/v1/users/${colleague.id}`, { status: 'suspended' }, employee);
    expect(patch.statusCode).toBe(403);
    const promote = await call(t.app, 'PATCH', `/api/v1/users/${colleague.id}`, { role: 'admin' }, employee);
    expect(promote.statusCode).toBe(403);

    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
    const after = await call(t.app, 'GET', `/api/v1/users/${colleague.id}`, undefined, employee);
    expect(after.json()).toMatchObject({ status: 'active', role: 'user' });
  });
});

describe('listing and searching people', () => {
  it('searches name and e-mail case-insensitively', async () => {
    const employee = await signedIn(await makeEmployee(t.ctx));
    const k = tag();
    const byName = await makeEmployee(t.ctx, { name: `Quentin Marlowe${k}` });
    const byEmail = await makeEmployee(t.ctx, { name: 'Someone Else', email: `marlowe${k}@company.example` });
    await makeEmployee(t.ctx, { name: `Unrelated ${tag()}` });

    const found = await list(employee, `&q=${encodeURIComponent(`MARLOWE${k.toUpperCase()}`)}`);
    expect(found.map((u) => u.id).sort()).toEqual([byName.id, byEmail.id].sort());
  });

  it('finds a person by an accented name written as it is shown', async () => {
    const employee = await signedIn(await makeEmployee(t.ctx));
    const k = tag();
    const person = await makeEmployee(t.ctx, { name: `Zoë Ångström ${k}` });

    expect((await list(employee, `&q=${encodeURIComponent(`Zoë Ångström ${k}`)}`)).map((u) => u.id)).toEqual([person.id]);
    expect((await list(employee, `&q=${encodeURIComponent(`Ångström ${k.toUpperCase()}`)}`)).map((u) => u.id)).toEqual([person.id]);
  });

  it('treats % and _ in the search as plain characters', async () => {
    const employee = await signedIn(await makeEmployee(t.ctx));
    const k = tag();
    const percent = await makeEmployee(t.ctx, { name: `Deal ${k} 50% off` });
    await makeEmployee(t.ctx, { name: `Deal ${k} 50 percent off` });
    const underscore = await makeEmployee(t.ctx, { name: `Snake ${k} a_b` });
    await makeEmployee(t.ctx, { name: `Snake ${k} axb` });

    expect((await list(employee, `&q=${encodeURIComponent(`${k} 50%`)}`)).map((u) => u.id)).toEqual([percent.id]);
    expect((await list(employee, `&q=${encodeURIComponent(`${k} a_b`)}`)).map((u) => u.id)).toEqual([underscore.id]);
  });

  it('walks every visible person exactly once, in name order, with cursor paging', async () => {
    const k = tag();
    // Accented names and names differing only in case are where a cursor built outside the database goes wrong.
    const names = [
      `${k} Émile`,
      `${k} émile`,
      `${k} Øyvind`,
      `${k} zoe`,
      `${k} Zoe`,
      `${k} Ávila`,
      `${k} Ólafur`,
      `${k} adam`,
      `${k} Bruno`,
      `${k} carla`,
    ];
    for (const name of names) await makeEmployee(t.ctx, { name });
    const viewer = await makeEmployee(t.ctx);
    const caller = await signedIn(viewer);
    const admin = await signedIn(await makeAdmin(t.ctx));
    await suspend(admin, (await makeEmployee(t.ctx, { name: `${k} Suspended` })).id);

    const walked: ListedUser[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await call(t.app, 'GET', `/api/v1/users?limit=2${query}`, undefined, caller);
      expect(page.statusCode).toBe(200);
      expect(page.json().items.length).toBeLessThanOrEqual(2);
      walked.push(...page.json().items);
      cursor = page.json().nextCursor;
    } while (cursor);

    const visible = await t.ctx.db.selectFrom('users').select('id').where('status', '=', 'active').execute();
    expect(walked.map((u) => u.id).sort()).toEqual(visible.map((u) => u.id).sort());
    expect(new Set(walked.map((u) => u.id)).size).toBe(walked.length);
    expect(walked.map((u) => u.id)).toEqual((await list(caller)).map((u) => u.id));
    const ascii = walked
      .filter((u) => u.name.startsWith(k) && /^[ -~]+$/.test(u.name))
      .map((u) => u.name.slice(k.length + 1).toLowerCase());
    expect(ascii).toEqual(['adam', 'bruno', 'carla', 'zoe', 'zoe']);
  });
});

describe('the directory rule', () => {
  it('hides suspended people from employees, in the list and by id, exactly like an unknown id', async () => {
    const admin = await signedIn(await makeAdmin(t.ctx));
    const employee = await signedIn(await makeEmployee(t.ctx));
    const k = tag();
    const suspended = await makeEmployee(t.ctx, { name: `Gone ${k}` });
    const active = await makeEmployee(t.ctx, { name: `Here ${k}` });
    await suspend(admin, suspended.id);

    expect((await list(employee, `&q=${k}`)).map((u) => u.id)).toEqual([active.id]);
    const hidden = await call(t.app, 'GET', `/api/v1/users/${suspended.id}`, undefined, employee);
    const unknown = await call(t.app, 'GET', `/api/v1/users/${randomUUID()}`, undefined, employee);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(unknown.body);
    expect(hidden.headers['content-type']).toBe(unknown.headers['content-type']);

    const adminList = await list(admin, `&q=${k}`);
    expect(adminList.map((u) => u.id).sort()).toEqual([suspended.id, active.id].sort());
    const adminRead = await call(t.app, 'GET', `/api/v1/users/${suspended.id}`, undefined, admin);
    expect(adminRead.statusCode).toBe(200);
    expect(adminRead.json().status).toBe('suspended');
  });

  it('shows a guest only themselves, and answers 404 for an employee', async () => {
    const guest = await makeGuest(t.ctx);
    const employee = await makeEmployee(t.ctx);
    const caller = await signedIn(guest);

    expect((await list(caller)).map((u) => u.id)).toEqual([guest.id]);
    const read = await call(t.app, 'GET', `/api/v1/users/${employee.id}`, undefined, caller);
    const unknown = await call(t.app, 'GET', `/api/v1/users/${randomUUID()}`, undefined, caller);
    expect(read.statusCode).toBe(404);
    expect(read.body).toBe(unknown.body);
    expect((await call(t.app, 'GET', `/api/v1/users/${guest.id}`, undefined, caller)).statusCode).toBe(200);
  });
});

describe('administering people', () => {
  it('suspends and reactivates a person, recording both in the audit log', async () => {
    const adminUser = await makeAdmin(t.ctx);
    const admin = await signedIn(adminUser);
    const user = await makeEmployee(t.ctx);

    const suspended = await call(t.app, 'PATCH', `/api/v1/users/${user.id}`, { status: 'suspended' }, admin);
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json().status).toBe('suspended');
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password })).statusCode).toBe(401);

    const reactivated = await call(t.app, 'PATCH', `/api/v1/users/${user.id}`, { status: 'active' }, admin);
    expect(reactivated.json().status).toBe('active');
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password })).statusCode).toBe(200);

    const rows = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('target_id', '=', user.id)
      .where('action', 'like', 'user.%')
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { action: 'user.suspended', actor_id: adminUser.id },
      { action: 'user.reactivated', actor_id: adminUser.id },
    ]);
  });

  it('changes roles to extranet_admin and admin, and the new administrator can administer', async () => {
    const admin = await signedIn(await makeAdmin(t.ctx));
    const user = await makeEmployee(t.ctx);

    const extranet = await call(t.app, 'PATCH', `/api/v1/users/${user.id}`, { role: 'extranet_admin' }, admin);
    expect(extranet.statusCode).toBe(200);
    expect(extranet.json().role).toBe('extranet_admin');
    const promoted = await call(t.app, 'PATCH', `/api/v1/users/${user.id}`, { role: 'admin' }, admin);
    expect(promoted.json().role).toBe('admin');

    const asNewAdmin = await signedIn(user);
    const other = await makeEmployee(t.ctx);
    expect((await call(t.app, 'PATCH', `/api/v1/users/${other.id}`, { status: 'suspended' }, asNewAdmin)).statusCode).toBe(200);

    const rows = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_id', '=', user.id)
      .where('action', '=', 'user.role_changed')
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => JSON.parse(r.details))).toEqual([
      { from: 'user', to: 'extranet_admin' },
      { from: 'extranet_admin', to: 'admin' },
    ]);
  });

  it('forbids administrators to suspend or demote themselves', async () => {
    const adminUser = await makeAdmin(t.ctx);
    const admin = await signedIn(adminUser);

    expect((await call(t.app, 'PATCH', `/api/v1/users/${adminUser.id}`, { status: 'suspended' }, admin)).statusCode).toBe(403);
    expect((await call(t.app, 'PATCH', `/api/v1/users/${adminUser.id}`, { role: 'user' }, admin)).statusCode).toBe(403);
    const me = await call(t.app, 'GET', '/api/v1/me', undefined, admin);
    expect(me.json()).toMatchObject({ role: 'admin', status: 'active' });
    expect(await auditActions(adminUser.id)).not.toContain('user.suspended');
  });

  it('lists the actions each caller may take on each person as abilities', async () => {
    const adminUser = await makeAdmin(t.ctx, { name: `Admin ${tag()}` });
    const employeeUser = await makeEmployee(t.ctx, { name: `Plain ${tag()}` });
    const guestUser = await makeGuest(t.ctx, { name: `Guest ${tag()}` });
    const admin = await signedIn(adminUser);
    const employee = await signedIn(employeeUser);

    const adminView = await list(admin);
    expect(adminView.find((u) => u.id === employeeUser.id)?.abilities).toEqual(['read', 'suspend', 'change_role', 'set_extranet_flags']);
    expect(adminView.find((u) => u.id === adminUser.id)?.abilities).toEqual(['read', 'set_extranet_flags']);
    expect(adminView.find((u) => u.id === guestUser.id)?.abilities).toEqual(['read', 'suspend', 'set_organization']);

    const employeeView = await list(employee);
    expect(employeeView.find((u) => u.id === adminUser.id)?.abilities).toEqual(['read']);
    expect(employeeView.find((u) => u.id === employeeUser.id)?.abilities).toEqual(['read']);
    expect(employeeView.find((u) => u.id === guestUser.id)?.abilities).toEqual(['read']);

    const extranetView = await list(await signedIn(await makeEmployee(t.ctx, { role: 'extranet_admin' })));
    expect(extranetView.find((u) => u.id === employeeUser.id)?.abilities).toEqual(['read', 'set_extranet_flags']);
    expect(extranetView.find((u) => u.id === guestUser.id)?.abilities).toEqual(['read', 'suspend', 'set_organization']);
  });
});

describe('the closed extranet', () => {
  // Its own installation, whose extranet stays off as it is by default.
  let closed: TestApp;
  beforeAll(async () => {
    closed = await startTestApp();
  });
  afterAll(async () => {
    await closed.close();
  });

  it("refuses a guest's sign-in with the extranet-closed problem, and lets an employee in", async () => {
    const guest = await makeGuest(closed.ctx);
    const employee = await makeEmployee(closed.ctx);

    const refused = await call(closed.app, 'POST', '/api/v1/auth/login', { email: guest.email, password: guest.password });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({ type: 'urn:foyer:problem:extranet-closed', status: 403 });
    expect(refused.json().detail).toMatch(/extranet is closed/i);
    expect(refused.cookies.filter((c) => c.name.endsWith('foyer_session') && c.value !== '')).toEqual([]);

    const admitted = await call(closed.app, 'POST', '/api/v1/auth/login', { email: employee.email, password: employee.password });
    expect(admitted.statusCode).toBe(200);
  });

  it('closes the door on a signed-in guest at the very next request, and reopens it without losing the account', async () => {
    const administrator = { cookie: await signIn(closed.app, ...credentials(await makeAdmin(closed.ctx))) };
    const setOpen = async (extranetEnabled: boolean) =>
      expect((await call(closed.app, 'PATCH', '/api/v1/settings', { extranetEnabled }, administrator)).statusCode).toBe(200);
    const guest = await makeGuest(closed.ctx);

    await setOpen(true);
    const session = { cookie: await signIn(closed.app, ...credentials(guest)) };
    expect((await call(closed.app, 'GET', '/api/v1/me', undefined, session)).statusCode).toBe(200);

    await setOpen(false);
    const shut = await call(closed.app, 'GET', '/api/v1/users', undefined, session);
    expect(shut.statusCode).toBe(403);
    expect(shut.json().type).toBe('urn:foyer:problem:extranet-closed');

    await setOpen(true);
    expect((await call(closed.app, 'GET', '/api/v1/me', undefined, session)).json()).toMatchObject({ id: guest.id, kind: 'guest' });
  });
});

function credentials(user: { email: string; password: string }): [string, string] {
  return [user.email, user.password];
}
