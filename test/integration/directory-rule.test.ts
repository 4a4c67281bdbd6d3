import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  createWorkspace,
  emailsIn,
  enableExtranet,
  inPast,
  leaksOf,
  type Person,
  sendInvitation,
  setPolicy,
  signedIn,
  unique,
} from '../support/workspaces.js';

// The directory rule (docs/extranet.md): a guest sees themselves, the members of their workspaces
// that show members, employees visible to all guests and, if the policy allows, the guests of their
// own organization. Nobody else may show through in any answer, not even by e-mail address.

let t: TestApp;
let admin: Caller & { id: string };
let guestCaller: Caller;
let managerCaller: Caller;

const people: Record<string, Person> = {};
let shown: { id: string } = { id: '' };
let hidden: { id: string } = { id: '' };
let orgA = '';
/** The address the guest invited: theirs to see in their own invitation. */
let invitedByGuest = '';

async function person(
  key: string,
  kind: 'employee' | 'guest',
  extra: { visibleToGuests?: boolean; organization?: string; suspended?: boolean } = {},
) {
  const name = unique(kind === 'employee' ? 'Employee ' : 'Guest ');
  const email = `${unique(`${key.toLowerCase()}-`)}@${kind === 'employee' ? 'company' : 'partner'}.example`;
  const row = kind === 'employee' ? await makeEmployee(t.ctx, { name, email }) : await makeGuest(t.ctx, { name, email });
  await t.ctx.db
    .updateTable('users')
    .set({
      visible_to_guests: extra.visibleToGuests ? 1 : 0,
      external_organization_id: extra.organization ?? null,
      status: extra.suspended ? 'suspended' : 'active',
    })
    .where('id', '=', row.id)
    .execute();
  people[key] = { id: row.id, name, email };
  return row;
}

async function organization(name: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await t.ctx.db
    .insertInto('external_organizations')
    .values({ id, name: unique(name), created_at: now, updated_at: now })
    .execute();
  return id;
}

const p = (key: string) => people[key] as Person;
const ids = (keys: string[]) => keys.map((k) => p(k).id).sort();
const get = (caller: Caller, url: string) => call(t.app, 'GET', url, undefined, caller);

/** Everyone the guest `G` must never see (with the own-organization policy off). */
const OUTSIDE = ['Ew2', 'Q', 'H', 'O', 'X', 'S', 'Z', 'Ex', 'Eout'];
const INSIDE = ['G', 'M', 'Ew1', 'P', 'V'];

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
  orgA = await organization('Alpha Partners ');
  const orgB = await organization('Beta Partners ');

  const manager = await person('M', 'employee');
  managerCaller = await signedIn(t, manager);
  const w1 = await createWorkspace(t, managerCaller, { guestSettings: { seeMembers: true, invite: true } });
  const w2 = await createWorkspace(t, managerCaller, { guestSettings: { seeMembers: false } });
  shown = w1;
  hidden = w2;

  const g = await person('G', 'guest', { organization: orgA });
  guestCaller = await signedIn(t, g);
  await addMember(t, w1.id, g.id, 'guest', { sponsorId: manager.id });
  await addMember(t, w2.id, g.id, 'guest', { sponsorId: manager.id });

  const ew1 = await person('Ew1', 'employee');
  await addMember(t, w1.id, ew1.id, 'member');
  const eout = await person('Eout', 'employee');
  const peer = await person('P', 'guest', { organization: orgB });
  await addMember(t, w1.id, peer.id, 'guest', { sponsorId: eout.id });
  const suspendedPeer = await person('Z', 'guest', { suspended: true });
  await addMember(t, w1.id, suspendedPeer.id, 'guest', { sponsorId: manager.id });
  const expiredPeer = await person('Ex', 'guest', { organization: orgB });
  await addMember(t, w1.id, expiredPeer.id, 'viewer', { sponsorId: manager.id, expiresAt: inPast() });

  const ew2 = await person('Ew2', 'employee');
  await addMember(t, w2.id, ew2.id, 'member');
  const q = await person('Q', 'guest', { organization: orgB });
  await addMember(t, w2.id, q.id, 'guest', { sponsorId: ew2.id });

  await person('V', 'employee', { visibleToGuests: true });
  await person('S', 'employee', { visibleToGuests: true, suspended: true });
  await person('H', 'employee');
  await person('O', 'guest', { organization: orgA });
  await person('X', 'guest', { organization: orgB });

  // Invitations in the guest's workspace: one of their own, one of the manager's to someone outside.
  invitedByGuest = `${unique('colleague-')}@partner.example`;
  await sendInvitation(t, guestCaller, w1.id, { email: invitedByGuest, role: 'guest' });
  await sendInvitation(t, managerCaller, w1.id, { email: p('X').email, role: 'guest' });
});
afterAll(async () => {
  await t.close();
});

/** The whole people list, page by page, each page checked for anyone in `outside`. */
async function directory(caller: Caller, outside = OUTSIDE): Promise<{ id: string; email?: string; name: string }[]> {
  const items = [];
  let url = '/api/v1/users?limit=2';
  for (;;) {
    const page = await get(caller, url);
    expect(page.statusCode, page.body).toBe(200);
    expect(leaksOf(page.json(), outside.map(p))).toEqual([]);
    items.push(...page.json().items);
    if (!page.json().nextCursor) return items;
    url = `/api/v1/users?limit=2&cursor=${encodeURIComponent(page.json().nextCursor)}`;
  }
}

describe('a guest’s people list', () => {
  it('holds exactly themselves, the members of workspaces that show members, and employees visible to guests', async () => {
    const listed = await directory(guestCaller);
    expect(listed.map((u) => u.id).sort()).toEqual(ids(INSIDE));
  });

  it('adds the guests of their own organization only while the policy allows it', async () => {
    await setPolicy(t, admin, { guestsSeeOwnOrganization: true });
    try {
      const listed = await directory(
        guestCaller,
        OUTSIDE.filter((k) => k !== 'O'),
      );
      expect(listed.map((u) => u.id).sort()).toEqual(ids([...INSIDE, 'O']));
      const colleague = await get(guestCaller, `/api/v1/users/${p('O').id}`);
      expect(colleague.statusCode).toBe(200);
      expect(colleague.json().email).toBeUndefined();
    } finally {
      await setPolicy(t, admin, { guestsSeeOwnOrganization: false });
    }
    expect((await get(guestCaller, `/api/v1/users/${p('O').id}`)).statusCode).toBe(404);
  });

  it('finds nobody outside the rule by name or by e-mail address', async () => {
    for (const key of OUTSIDE) {
      for (const q of [p(key).name, p(key).email]) {
        const response = await get(guestCaller, `/api/v1/users?q=${encodeURIComponent(q)}`);
        expect(response.json().items, `${key} by ${q}`).toEqual([]);
      }
    }
  });
});

describe('one person looked up by a guest', () => {
  it('answers 404 for anyone outside the rule, byte for byte like an id that does not exist', async () => {
    const missing = await get(guestCaller, `/api/v1/users/${newId()}`);
    expect(missing.statusCode).toBe(404);
    for (const key of OUTSIDE) {
      const response = await get(guestCaller, `/api/v1/users/${p(key).id}`);
      expect(response.statusCode, key).toBe(404);
      expect(response.body).toBe(missing.body);
      expect(response.headers['content-type']).toBe(missing.headers['content-type']);
    }
    for (const key of INSIDE) expect((await get(guestCaller, `/api/v1/users/${p(key).id}`)).statusCode, key).toBe(200);
  });
});

describe('e-mail addresses a guest sees', () => {
  const employeesInside = ['M', 'Ew1', 'V'];

  it('shows employees’ addresses only while the policy allows it, and never another guest’s', async () => {
    const hiddenAddresses = (body: unknown) => emailsIn(body).filter((e) => e !== p('G').email);
    const sources = async () => [
      await directory(guestCaller),
      ...(await Promise.all(INSIDE.map(async (k) => (await get(guestCaller, `/api/v1/users/${p(k).id}`)).json()))),
      (await get(guestCaller, `/api/v1/workspaces/${shown.id}/members`)).json(),
    ];
    for (const body of await sources()) expect(hiddenAddresses(body)).toEqual([]);
    expect((await get(guestCaller, `/api/v1/users/${p('G').id}`)).json().email).toBe(p('G').email);
    expect((await get(guestCaller, `/api/v1/users?q=${encodeURIComponent(p('V').email)}`)).json().items).toEqual([]);

    await setPolicy(t, admin, { guestsSeeEmployeeEmails: true });
    try {
      for (const body of await sources()) {
        const other = hiddenAddresses(body).filter((e) => !employeesInside.some((k) => p(k).email === e));
        expect(other).toEqual([]);
      }
      for (const key of employeesInside) expect((await get(guestCaller, `/api/v1/users/${p(key).id}`)).json().email).toBe(p(key).email);
      expect((await get(guestCaller, `/api/v1/users/${p('P').id}`)).json().email).toBeUndefined();
      const byAddress = (await get(guestCaller, `/api/v1/users?q=${encodeURIComponent(p('V').email)}`)).json().items;
      expect(byAddress.map((u: { id: string }) => u.id)).toEqual([p('V').id]);
      expect((await get(guestCaller, `/api/v1/users?q=${encodeURIComponent(p('P').email)}`)).json().items).toEqual([]);
    } finally {
      await setPolicy(t, admin, { guestsSeeEmployeeEmails: false });
    }
  });
});

describe('people mentioned by something else', () => {
  it('shows a sponsor outside the rule as "Unknown user" in the member list', async () => {
    const response = await get(guestCaller, `/api/v1/workspaces/${shown.id}/members`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { user: { id: string }; sponsor: { id: string; name: string } | null }[];
    expect(items.map((m) => m.user.id).sort()).toEqual(ids(['G', 'M', 'Ew1', 'P']));
    expect(items.find((m) => m.user.id === p('P').id)?.sponsor).toEqual({ id: p('Eout').id, name: 'Unknown user' });
    expect(items.find((m) => m.user.id === p('G').id)?.sponsor).toEqual({ id: p('M').id, name: p('M').name });
    expect(leaksOf(response.json(), OUTSIDE.map(p))).toEqual([]);
  });

  it('shows an inviter who is no longer in the directory as "Unknown user" to a manager', async () => {
    const inviter = await makeEmployee(t.ctx, { name: unique('Inviter '), email: `${unique('inviter-')}@company.example` });
    const inviterCaller = await signedIn(t, inviter);
    const workspace = await createWorkspace(t, inviterCaller);
    const colleague = await makeEmployee(t.ctx, { name: unique('Colleague ') });
    await addMember(t, workspace.id, colleague.id, 'manager');
    const invitation = await sendInvitation(t, inviterCaller, workspace.id, {
      email: `${unique('invitee-')}@partner.example`,
      role: 'guest',
    });
    expect((await call(t.app, 'PATCH', `/api/v1/users/${inviter.id}`, { status: 'suspended' }, admin)).statusCode).toBe(200);

    const listed = (await get(await signedIn(t, colleague), `/api/v1/workspaces/${workspace.id}/invitations`)).json();
    expect(listed.items.find((i: { id: string }) => i.id === invitation.id).inviter).toEqual({ id: inviter.id, name: 'Unknown user' });
    expect(JSON.stringify(listed)).not.toContain(inviter.name);
    // Those who govern the extranet still see who it was.
    const forAdmin = (await get(admin, `/api/v1/workspaces/${workspace.id}/invitations`)).json();
    expect(forAdmin.items[0].inviter).toEqual({ id: inviter.id, name: inviter.name });
  });
});

describe('every answer a guest can read', () => {
  it('lets nobody outside the rule show through, whatever the route and whatever id is asked for', async () => {
    const pool = [shown.id, hidden.id, orgA, ...Object.values(people).map((x) => x.id)];
    // Notifications written from what happened so far are part of what the guest reads.
    await drainEvents(t.ctx);
    // The event stream stays open and carries ids only; its own tests and the matrix read it.
    const routes = t.app.routeTable.filter(
      (r) => r.method === 'GET' && r.access === 'user' && r.url.startsWith('/api/v1/') && r.url !== '/api/v1/me/stream',
    );
    expect(routes.length).toBeGreaterThan(8);
    const outside = OUTSIDE.map(p);
    const seen: string[] = [];
    for (const route of routes) {
      const urls = route.url.includes(':id') ? pool.map((id) => route.url.replace(':id', id)) : [route.url];
      for (const url of urls) {
        const full = url === '/api/v1/invitations' ? `${url}?status=awaiting_approval` : url;
        const response = await get(guestCaller, full);
        seen.push(`${response.statusCode}`);
        const leaks = response.body.startsWith('{') ? leaksOf(response.json(), outside) : [];
        expect(leaks, `GET ${full} → ${response.statusCode}`).toEqual([]);
        const own = [p('G').email, invitedByGuest];
        const addresses = response.body.startsWith('{') ? emailsIn(response.json()).filter((e) => !own.includes(e)) : [];
        expect(addresses, `GET ${full}`).toEqual([]);
      }
    }
    // The sweep reached real answers, not only refusals.
    expect(seen.filter((s) => s === '200').length).toBeGreaterThan(5);
  });

  it('shows the guest only their own invitations, never the manager’s', async () => {
    const response = await get(guestCaller, `/api/v1/workspaces/${shown.id}/invitations`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { inviter: { id: string }; email: string }[];
    expect(items).toHaveLength(1);
    expect(items[0]?.inviter.id).toBe(p('G').id);
    expect(response.body).not.toContain(p('X').email);
  });
});
