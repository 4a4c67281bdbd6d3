import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call, callFrom } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  auditOf,
  createWorkspace,
  enableExtranet,
  errorPaths,
  inFuture,
  inPast,
  inviteAndAccept,
  setPolicy,
  signedIn,
  unique,
} from '../support/workspaces.js';

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

async function employee() {
  const user = await makeEmployee(t.ctx, { name: unique('Employee '), email: `${unique('employee-')}@company.example` });
  return { ...user, caller: await signedIn(t, user) };
}

async function managedWorkspace(guestSettings: { seeMembers?: boolean } = {}) {
  const manager = await employee();
  const workspace = await createWorkspace(t, manager.caller, { guestSettings });
  return { manager, id: workspace.id, base: `/api/v1/workspaces/${workspace.id}` };
}

interface Member {
  user: { id: string; name: string; email?: string; kind: string };
  role: string;
  expiresAt: string | null;
  status: string;
  abilities: string[];
}

const get = (caller: Caller, url: string) => call(t.app, 'GET', url, undefined, caller);
const patchMember = (caller: Caller, base: string, userId: string, body: unknown) =>
  call(t.app, 'PATCH', `${base}/members/${userId}`, body, caller);
const removeMember = (caller: Caller, base: string, userId: string) =>
  call(t.app, 'DELETE', `${base}/members/${userId}`, undefined, caller);
async function members(caller: Caller, base: string): Promise<Member[]> {
  const response = await get(caller, `${base}/members`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}
const memberOf = async (caller: Caller, base: string, userId: string) => (await members(caller, base)).find((m) => m.user.id === userId);

describe('the member list', () => {
  it('is shown to guests only where the workspace shows its members, without other people’s e-mail addresses', async () => {
    const w = await managedWorkspace();
    const colleague = await employee();
    await addMember(t, w.id, colleague.id, 'member');
    const guest = await inviteAndAccept(t, w.manager.caller, w.id);
    const viewer = await inviteAndAccept(t, w.manager.caller, w.id, { role: 'viewer' });

    expect((await get(guest.caller, `${w.base}/members`)).statusCode).toBe(403);
    expect((await get(viewer.caller, `${w.base}/members`)).statusCode).toBe(403);
    expect((await get(guest.caller, w.base)).json().abilities).not.toContain('read_members');

    expect((await call(t.app, 'PATCH', w.base, { guestSettings: { seeMembers: true } }, w.manager.caller)).statusCode).toBe(200);
    const seen = await members(guest.caller, w.base);
    expect(seen.map((m) => m.user.id).sort()).toEqual([w.manager.id, colleague.id, guest.id, viewer.id].sort());
    for (const m of seen) {
      if (m.user.id === guest.id) expect(m.user.email).toBe(guest.email);
      else expect(m.user.email).toBeUndefined();
      expect(m.abilities).toEqual([]);
    }
    expect((await members(viewer.caller, w.base)).length).toBe(4);

    // Employees read every address; only managers get to change members.
    const byColleague = await members(colleague.caller, w.base);
    expect(byColleague.find((m) => m.user.id === guest.id)).toMatchObject({ user: { email: guest.email }, abilities: [] });
    const byManager = await members(w.manager.caller, w.base);
    expect(byManager.find((m) => m.user.id === guest.id)?.abilities).toEqual(['update', 'remove']);
  });
});

describe('changing a member', () => {
  it('changes the role only to one that fits the person: 400 naming /role otherwise', async () => {
    const w = await managedWorkspace();
    const colleague = await employee();
    await addMember(t, w.id, colleague.id, 'member');
    const guest = await inviteAndAccept(t, w.manager.caller, w.id);

    for (const [userId, role] of [
      [guest.id, 'member'],
      [guest.id, 'manager'],
      [colleague.id, 'guest'],
      [colleague.id, 'viewer'],
    ] as const) {
      const response = await patchMember(w.manager.caller, w.base, userId, { role });
      expect(response.statusCode, `${role}`).toBe(400);
      expect(errorPaths(response)).toEqual(['/role']);
    }
    const toViewer = await callFrom('192.0.2.81', t.app, 'PATCH', `${w.base}/members/${guest.id}`, { role: 'viewer' }, w.manager.caller);
    expect(toViewer.statusCode).toBe(200);
    expect(toViewer.json()).toMatchObject({ user: { id: guest.id }, role: 'viewer' });
    expect((await patchMember(w.manager.caller, w.base, colleague.id, { role: 'manager' })).json().role).toBe('manager');

    // A read-only guest is read-only at once.
    const invited = await call(t.app, 'PATCH', w.base, { guestSettings: { invite: true } }, w.manager.caller);
    expect(invited.json().guestSettings.invite).toBe(true);
    expect((await get(guest.caller, w.base)).json()).toMatchObject({ myRole: 'viewer' });
    expect((await get(guest.caller, w.base)).json().abilities).not.toContain('invite');

    expect(await auditOf(t, 'member.updated', guest.id)).toEqual([
      expect.objectContaining({ actor_id: w.manager.id, target_type: 'user', workspace_id: w.id, ip: '192.0.2.81' }),
    ]);
  });

  it('takes an end date only in the future, and for guests no later than the policy’s maximum (400 naming /expiresAt)', async () => {
    const w = await managedWorkspace();
    const colleague = await employee();
    await addMember(t, w.id, colleague.id, 'member');
    const guest = await inviteAndAccept(t, w.manager.caller, w.id);
    const past = await patchMember(w.manager.caller, w.base, guest.id, { expiresAt: inPast(5) });
    expect(past.statusCode).toBe(400);
    expect(errorPaths(past)).toEqual(['/expiresAt']);

    await setPolicy(t, admin, { guestMaxAccessDays: 30 });
    try {
      for (const expiresAt of [inFuture(31), null]) {
        const response = await patchMember(w.manager.caller, w.base, guest.id, { expiresAt });
        expect(response.statusCode, String(expiresAt)).toBe(400);
        expect(errorPaths(response)).toEqual(['/expiresAt']);
      }
      expect((await memberOf(w.manager.caller, w.base, guest.id))?.expiresAt).toBeNull();
      const end = inFuture(20);
      const within = await patchMember(w.manager.caller, w.base, guest.id, { expiresAt: end });
      expect(within.statusCode).toBe(200);
      expect(Date.parse(within.json().expiresAt)).toBe(Date.parse(end));
      // The maximum is for guests; employees may have any future end date, or none.
      expect((await patchMember(w.manager.caller, w.base, colleague.id, { expiresAt: inFuture(400) })).statusCode).toBe(200);
      expect((await patchMember(w.manager.caller, w.base, colleague.id, { expiresAt: null })).statusCode).toBe(200);
    } finally {
      await setPolicy(t, admin, { guestMaxAccessDays: 0 });
    }
  });

  it('lets only managers change or remove members', async () => {
    const w = await managedWorkspace({ seeMembers: true });
    const colleague = await employee();
    await addMember(t, w.id, colleague.id, 'member');
    const guest = await inviteAndAccept(t, w.manager.caller, w.id);
    for (const caller of [colleague.caller, guest.caller]) {
      expect((await patchMember(caller, w.base, guest.id, { role: 'viewer' })).statusCode).toBe(403);
      expect((await removeMember(caller, w.base, w.manager.id)).statusCode).toBe(403);
    }
    expect((await memberOf(w.manager.caller, w.base, guest.id))?.role).toBe('guest');
    expect((await patchMember(w.manager.caller, w.base, (await employee()).id, { role: 'member' })).statusCode).toBe(404);
  });
});

describe('the last manager', () => {
  it('cannot be demoted or removed (409) until another active manager exists', async () => {
    const w = await managedWorkspace();
    const colleague = await employee();
    await addMember(t, w.id, colleague.id, 'member');

    expect((await patchMember(w.manager.caller, w.base, w.manager.id, { role: 'member' })).statusCode).toBe(409);
    expect((await removeMember(w.manager.caller, w.base, w.manager.id)).statusCode).toBe(409);
    expect((await memberOf(w.manager.caller, w.base, w.manager.id))?.role).toBe('manager');

    // A manager whose access has ended does not count.
    const departed = await employee();
    await addMember(t, w.id, departed.id, 'manager', { expiresAt: inPast() });
    expect((await removeMember(w.manager.caller, w.base, w.manager.id)).statusCode).toBe(409);

    expect((await patchMember(w.manager.caller, w.base, colleague.id, { role: 'manager' })).statusCode).toBe(200);
    expect((await patchMember(w.manager.caller, w.base, w.manager.id, { role: 'member' })).statusCode).toBe(200);
    expect((await removeMember(colleague.caller, w.base, colleague.id)).statusCode).toBe(409);
    expect((await removeMember(colleague.caller, w.base, w.manager.id)).statusCode).toBe(204);
  });
});

describe('two managers at the same moment', () => {
  it('cannot leave the workspace without a manager by removing or demoting each other at once', async () => {
    // A few rounds: whether both requests count the managers before either writes varies from run to run.
    for (const change of ['remove', 'demote', 'remove', 'demote', 'remove', 'demote'] as const) {
      const w = await managedWorkspace();
      const other = await employee();
      await addMember(t, w.id, other.id, 'manager');
      const act = (caller: Caller, target: string) =>
        change === 'remove' ? removeMember(caller, w.base, target) : patchMember(caller, w.base, target, { role: 'member' });
      const answers = await Promise.all([act(w.manager.caller, other.id), act(other.caller, w.manager.id)]);
      const statuses = answers.map((a) => a.statusCode);
      expect(
        statuses.filter((s) => s < 300),
        `${change}: ${statuses.join(', ')}`,
      ).toHaveLength(1);
      const managers = (await members(admin, w.base)).filter((m) => m.role === 'manager');
      expect(
        managers.map((m) => m.user.id),
        change,
      ).toHaveLength(1);
    }
  });
});

describe('removal', () => {
  it('shuts the workspace on the guest’s very next request; the guest keeps their account while another workspace is left', async () => {
    const w = await managedWorkspace();
    const other = await managedWorkspace();
    const guest = await inviteAndAccept(t, w.manager.caller, w.id);
    await addMember(t, other.id, guest.id, 'guest');
    expect((await get(guest.caller, w.base)).statusCode).toBe(200);

    const removed = await callFrom('192.0.2.90', t.app, 'DELETE', `${w.base}/members/${guest.id}`, undefined, w.manager.caller);
    expect(removed.statusCode).toBe(204);
    expect((await get(guest.caller, w.base)).statusCode).toBe(404);
    const listed = (await get(guest.caller, '/api/v1/workspaces')).json().items.map((i: { id: string }) => i.id);
    expect(listed).toEqual([other.id]);
    expect((await get(guest.caller, other.base)).statusCode).toBe(200);
    expect(await memberOf(w.manager.caller, w.base, guest.id)).toBeUndefined();
    expect(await auditOf(t, 'member.removed', guest.id)).toEqual([
      expect.objectContaining({ actor_id: w.manager.id, workspace_id: w.id, ip: '192.0.2.90' }),
    ]);
  });

  it('suspends a guest whose last workspace it was: the very next request answers 401 and sign-in is refused', async () => {
    const w = await managedWorkspace();
    const guest = await inviteAndAccept(t, w.manager.caller, w.id);
    expect((await get(guest.caller, '/api/v1/me')).statusCode).toBe(200);
    expect((await removeMember(w.manager.caller, w.base, guest.id)).statusCode).toBe(204);

    expect((await get(guest.caller, '/api/v1/me')).statusCode).toBe(401);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: guest.email, password: guest.password })).statusCode).toBe(401);
    expect((await call(t.app, 'GET', `/api/v1/users/${guest.id}`, undefined, admin)).json().status).toBe('suspended');
  });

  it('keeps the account of a guest without workspace when the policy says so', async () => {
    await setPolicy(t, admin, { suspendGuestsWithoutWorkspace: false });
    try {
      const w = await managedWorkspace();
      const guest = await inviteAndAccept(t, w.manager.caller, w.id);
      expect((await removeMember(w.manager.caller, w.base, guest.id)).statusCode).toBe(204);
      expect((await get(guest.caller, w.base)).statusCode).toBe(404);
      expect((await get(guest.caller, '/api/v1/me')).statusCode).toBe(200);
      expect((await get(guest.caller, '/api/v1/workspaces')).json().items).toEqual([]);
    } finally {
      await setPolicy(t, admin, { suspendGuestsWithoutWorkspace: true });
    }
  });
});

describe('an end date that has passed', () => {
  it('refuses the member on the very next request, with no job having run, and shows the membership as expired', async () => {
    const w = await managedWorkspace({ seeMembers: true });
    const guest = await inviteAndAccept(t, w.manager.caller, w.id);
    const peer = await inviteAndAccept(t, w.manager.caller, w.id);
    const colleague = await employee();
    await addMember(t, w.id, colleague.id, 'member');
    expect((await get(guest.caller, w.base)).statusCode).toBe(200);
    expect((await get(colleague.caller, w.base)).statusCode).toBe(200);

    await t.ctx.db
      .updateTable('memberships')
      .set({ expires_at: inPast() })
      .where('workspace_id', '=', w.id)
      .where('user_id', 'in', [guest.id, colleague.id])
      .execute();

    for (const caller of [guest.caller, colleague.caller]) {
      expect((await get(caller, w.base)).statusCode).toBe(404);
      expect((await get(caller, `${w.base}/members`)).statusCode).toBe(404);
      expect((await get(caller, '/api/v1/workspaces')).json().items).toEqual([]);
    }
    expect((await memberOf(w.manager.caller, w.base, guest.id))?.status).toBe('expired');
    // The other guests no longer see the one whose access ended.
    expect((await members(peer.caller, w.base)).map((m) => m.user.id)).not.toContain(guest.id);
    expect((await get(peer.caller, `/api/v1/users/${guest.id}`)).statusCode).toBe(404);

    // A new end date in the future lets them back in at once.
    expect((await patchMember(w.manager.caller, w.base, guest.id, { expiresAt: inFuture(5) })).statusCode).toBe(200);
    expect((await get(guest.caller, w.base)).statusCode).toBe(200);
  });
});

describe('suspended people in member lists', () => {
  it('are listed only for those who govern the extranet, following the directory rule', async () => {
    const { manager, id, base } = await managedWorkspace();
    const colleague = await employee();
    await addMember(t, id, colleague.id, 'member');
    expect((await call(t.app, 'PATCH', `/api/v1/users/${colleague.id}`, { status: 'suspended' }, admin)).statusCode).toBe(200);

    expect(await memberOf(manager.caller, base, colleague.id)).toBeUndefined();
    expect((await get(manager.caller, `/api/v1/users/${colleague.id}`)).statusCode).toBe(404);
    expect((await memberOf(admin, base, colleague.id))?.user.name).toBe(colleague.name);
  });
});
