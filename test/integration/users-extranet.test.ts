import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { makeAdmin, makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signedIn(await makeAdmin(t.ctx));
  await setPolicy({ extranetEnabled: true });
});
afterAll(async () => {
  await t.close();
});

interface ListedUser {
  id: string;
  email?: string;
  name: string;
  abilities: string[];
  visibleToGuests?: boolean;
  extranetGroup?: boolean;
  externalOrganization?: { id: string; name: string } | null;
}

const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const errorPaths = (response: LightMyRequestResponse) => (response.json().errors as { path: string }[]).map((e) => e.path);

async function signedIn(user: { email: string; password: string }): Promise<Caller> {
  return { cookie: await signIn(t.app, user.email, user.password) };
}

async function setPolicy(change: Record<string, unknown>): Promise<void> {
  expect((await call(t.app, 'PATCH', '/api/v1/settings', change, admin)).statusCode).toBe(200);
}

const patchUser = (caller: Caller, id: string, body: unknown) => call(t.app, 'PATCH', `/api/v1/users/${id}`, body, caller);

async function list(caller: Caller, query = ''): Promise<ListedUser[]> {
  const response = await call(t.app, 'GET', `/api/v1/users?limit=200${query}`, undefined, caller);
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

async function newOrganization(name = `Supplier ${tag()}`): Promise<{ id: string; name: string }> {
  const response = await call(t.app, 'POST', '/api/v1/external-organizations', { name, domains: [] }, admin);
  expect(response.statusCode).toBe(201);
  return response.json();
}

/** A workspace straight in the database, with the given people as active members. */
async function workspaceWith(members: { id: string; role: 'manager' | 'member' | 'guest' | 'viewer' }[], seeMembers: boolean) {
  const id = newId();
  const now = new Date().toISOString();
  await t.ctx.db
    .insertInto('workspaces')
    .values({
      id,
      name: `Project ${tag()}`,
      description: '',
      topic_id: null,
      status: 'active',
      guests_can_upload: 0,
      guests_can_create_tasks: 0,
      guests_can_comment: 1,
      guests_can_see_members: seeMembers ? 1 : 0,
      guests_can_invite: 0,
      version: 1,
      created_by: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  for (const member of members) {
    await t.ctx.db
      .insertInto('memberships')
      .values({
        workspace_id: id,
        user_id: member.id,
        role: member.role,
        status: 'active',
        sponsor_id: null,
        expires_at: null,
        reminder_sent_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return id;
}

describe("people's extranet flags", () => {
  it('lets an administrator mark an employee visible to guests and part of the extranet group, and records it', async () => {
    const employee = await makeEmployee(t.ctx);
    const response = await patchUser(admin, employee.id, { visibleToGuests: true, extranetGroup: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ visibleToGuests: true, extranetGroup: true, externalOrganization: null });

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_id', '=', employee.id)
      .where('action', '=', 'user.extranet_changed')
      .execute();
    expect(audit.map((r) => JSON.parse(r.details))).toEqual([
      { visibleToGuests: { from: false, to: true }, extranetGroup: { from: false, to: true } },
    ]);

    // What the flag is for: a guest without any shared workspace now finds this employee.
    const guest = await signedIn(await makeGuest(t.ctx));
    expect((await list(guest)).map((u) => u.id)).toContain(employee.id);
  });

  it('lets an extranet administrator set flags and organizations but refuses them to employees', async () => {
    const extranet = await signedIn(await makeEmployee(t.ctx, { role: 'extranet_admin' }));
    const employee = await makeEmployee(t.ctx);
    const guest = await makeGuest(t.ctx);
    const organization = await newOrganization();

    expect((await patchUser(extranet, employee.id, { extranetGroup: true })).json().extranetGroup).toBe(true);
    const joined = await patchUser(extranet, guest.id, { externalOrganizationId: organization.id });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().externalOrganization).toEqual({ id: organization.id, name: organization.name });

    const colleague = await signedIn(await makeEmployee(t.ctx));
    expect((await patchUser(colleague, employee.id, { visibleToGuests: true })).statusCode).toBe(403);
    expect((await patchUser(colleague, guest.id, { externalOrganizationId: null })).statusCode).toBe(403);
    const after = (await call(t.app, 'GET', `/api/v1/users/${guest.id}`, undefined, admin)).json();
    expect(after.externalOrganization).toEqual({ id: organization.id, name: organization.name });
    expect((await call(t.app, 'GET', `/api/v1/users/${employee.id}`, undefined, admin)).json().visibleToGuests).toBe(false);
  });

  it('keeps flags for employees and organizations for guests (403 the other way round)', async () => {
    const employee = await makeEmployee(t.ctx);
    const guest = await makeGuest(t.ctx);
    const organization = await newOrganization();

    expect((await patchUser(admin, guest.id, { visibleToGuests: true })).statusCode).toBe(403);
    expect((await patchUser(admin, guest.id, { extranetGroup: true })).statusCode).toBe(403);
    expect((await patchUser(admin, employee.id, { externalOrganizationId: organization.id })).statusCode).toBe(403);
    const row = await t.ctx.db.selectFrom('users').selectAll().where('id', 'in', [employee.id, guest.id]).execute();
    expect(row.map((r) => [r.visible_to_guests, r.extranet_group, r.external_organization_id])).toEqual([
      [0, 0, null],
      [0, 0, null],
    ]);
  });

  it('refuses an unknown organization with 400 naming /externalOrganizationId, and clears it with null', async () => {
    const guest = await makeGuest(t.ctx);
    const unknown = await patchUser(admin, guest.id, { externalOrganizationId: newId() });
    expect(unknown.statusCode).toBe(400);
    expect(errorPaths(unknown)).toEqual(['/externalOrganizationId']);

    const organization = await newOrganization();
    expect((await patchUser(admin, guest.id, { externalOrganizationId: organization.id })).statusCode).toBe(200);
    const cleared = await patchUser(admin, guest.id, { externalOrganizationId: null });
    expect(cleared.json().externalOrganization).toBeNull();
  });

  it('shows the extranet fields only to those who govern the extranet', async () => {
    const guest = await makeGuest(t.ctx);
    const employee = await makeEmployee(t.ctx);
    const extranet = await signedIn(await makeEmployee(t.ctx, { role: 'extranet_admin' }));
    for (const caller of [admin, extranet]) {
      const seen = (await list(caller)).find((u) => u.id === guest.id);
      expect(seen).toMatchObject({ visibleToGuests: false, extranetGroup: false, externalOrganization: null });
    }
    const plain = (await list(await signedIn(employee))).find((u) => u.id === guest.id);
    expect(plain && Object.keys(plain).filter((k) => ['visibleToGuests', 'extranetGroup', 'externalOrganization'].includes(k))).toEqual([]);
  });
});

describe('guests under the extranet administrator', () => {
  it('lets an extranet administrator suspend and reactivate a guest, but not an employee', async () => {
    const extranet = await signedIn(await makeEmployee(t.ctx, { role: 'extranet_admin' }));
    const guest = await makeGuest(t.ctx);
    const session = await signedIn(guest);
    const employee = await makeEmployee(t.ctx);

    expect((await patchUser(extranet, guest.id, { status: 'suspended' })).json().status).toBe('suspended');
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, session)).statusCode).toBe(401);
    expect((await patchUser(extranet, guest.id, { status: 'active' })).json().status).toBe('active');
    expect((await patchUser(extranet, employee.id, { status: 'suspended' })).statusCode).toBe(403);
  });

  it('refuses to reactivate a guest past the seat limit with 409', async () => {
    const guest = await makeGuest(t.ctx);
    expect((await patchUser(admin, guest.id, { status: 'suspended' })).statusCode).toBe(200);
    const used = (await call(t.app, 'GET', '/api/v1/settings', undefined, admin)).json().guestSeatsUsed;
    await setPolicy({ guestSeatLimit: used });
    try {
      const refused = await patchUser(admin, guest.id, { status: 'active' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toMatch(/seat limit/);
      await setPolicy({ guestSeatLimit: used + 1 });
      expect((await patchUser(admin, guest.id, { status: 'active' })).statusCode).toBe(200);
    } finally {
      await setPolicy({ guestSeatLimit: 0 });
    }
  });
});

describe("e-mail addresses in guests' eyes", () => {
  it("shows a guest their own e-mail, employees' only when the policy says so, and never another guest's", async () => {
    const k = tag();
    const guestUser = await makeGuest(t.ctx, { name: `Guest One ${k}` });
    const otherGuest = await makeGuest(t.ctx, { name: `Guest Two ${k}` });
    const manager = await makeEmployee(t.ctx, { name: `Manager ${k}` });
    await workspaceWith(
      [
        { id: guestUser.id, role: 'guest' },
        { id: otherGuest.id, role: 'viewer' },
        { id: manager.id, role: 'manager' },
      ],
      true,
    );
    const guest = await signedIn(guestUser);
    const seen = async () => new Map((await list(guest, `&q=${k}`)).map((u) => [u.id, u]));

    let people = await seen();
    expect([...people.keys()].sort()).toEqual([guestUser.id, otherGuest.id, manager.id].sort());
    expect(people.get(guestUser.id)?.email).toBe(guestUser.email);
    expect(people.get(manager.id)).not.toHaveProperty('email');
    expect(people.get(otherGuest.id)).not.toHaveProperty('email');

    await setPolicy({ guestsSeeEmployeeEmails: true });
    try {
      people = await seen();
      expect(people.get(manager.id)?.email).toBe(manager.email);
      expect(people.get(otherGuest.id)).not.toHaveProperty('email');
      const single = await call(t.app, 'GET', `/api/v1/users/${otherGuest.id}`, undefined, guest);
      expect(single.statusCode).toBe(200);
      expect(single.json()).not.toHaveProperty('email');
      expect(single.body).not.toContain(otherGuest.email);
    } finally {
      await setPolicy({ guestsSeeEmployeeEmails: false });
    }
  });

  it('does not let a guest find another guest by searching for their e-mail address', async () => {
    const k = tag();
    const guestUser = await makeGuest(t.ctx);
    const otherGuest = await makeGuest(t.ctx, { email: `hidden-${k}@supplier.example` });
    const employee = await makeEmployee(t.ctx, { email: `visible-${k}@company.example` });
    await workspaceWith(
      [
        { id: guestUser.id, role: 'guest' },
        { id: otherGuest.id, role: 'guest' },
        { id: employee.id, role: 'manager' },
      ],
      true,
    );
    const guest = await signedIn(guestUser);
    expect(await list(guest, `&q=hidden-${k}`)).toEqual([]);
    expect(await list(guest, `&q=visible-${k}`)).toEqual([]);
    await setPolicy({ guestsSeeEmployeeEmails: true });
    try {
      expect((await list(guest, `&q=visible-${k}`)).map((u) => u.id)).toEqual([employee.id]);
    } finally {
      await setPolicy({ guestsSeeEmployeeEmails: false });
    }
    // Employees keep searching everyone's address.
    const colleague = await signedIn(await makeEmployee(t.ctx));
    expect((await list(colleague, `&q=hidden-${k}`)).map((u) => u.id)).toEqual([otherGuest.id]);
  });

  it('lets a guest open a workspace peer by id only while the workspace shows its members', async () => {
    const guestUser = await makeGuest(t.ctx);
    const hiddenPeer = await makeGuest(t.ctx);
    const shownPeer = await makeGuest(t.ctx);
    await workspaceWith(
      [
        { id: guestUser.id, role: 'guest' },
        { id: hiddenPeer.id, role: 'guest' },
      ],
      false,
    );
    await workspaceWith(
      [
        { id: guestUser.id, role: 'guest' },
        { id: shownPeer.id, role: 'guest' },
      ],
      true,
    );
    const guest = await signedIn(guestUser);
    const shown = await call(t.app, 'GET', `/api/v1/users/${shownPeer.id}`, undefined, guest);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().abilities).toEqual(['read']);
    const hidden = await call(t.app, 'GET', `/api/v1/users/${hiddenPeer.id}`, undefined, guest);
    const unknown = await call(t.app, 'GET', `/api/v1/users/${newId()}`, undefined, guest);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(unknown.body);
  });
});
