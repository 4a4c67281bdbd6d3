import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call, callFrom } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  auditOf,
  changeInvitation,
  createWorkspace,
  enableExtranet,
  errorPaths,
  invite,
  inviteAndAccept,
  sendInvitation,
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

async function employee(role: 'user' | 'extranet_admin' = 'user') {
  const user = await makeEmployee(t.ctx, { role, name: unique('Employee '), email: `${unique('employee-')}@company.example` });
  return { ...user, caller: await signedIn(t, user) };
}

const get = (caller: Caller, url: string) => call(t.app, 'GET', url, undefined, caller);
const names = (items: { name: string }[]) => items.map((i) => i.name);
const RANDOM_ID = newId();

describe('creating a workspace', () => {
  it('makes the creator its manager, with every manager ability, and records who did it from where', async () => {
    const creator = await employee();
    const response = await callFrom(
      '192.0.2.44',
      t.app,
      'POST',
      '/api/v1/workspaces',
      { name: '  Harbour renovation  ', description: 'Phase two', fields: [{ label: 'Budget', value: '1.2M', visibility: 'internal' }] },
      creator.caller,
    );
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toMatch(/^".+"$/);
    const workspace = response.json();
    expect(workspace).toMatchObject({
      name: 'Harbour renovation',
      description: 'Phase two',
      topic: null,
      status: 'active',
      myRole: 'manager',
      archivedAt: null,
      guestSettings: { upload: false, createTasks: false, comment: true, seeMembers: false, invite: false },
      fields: [{ label: 'Budget', value: '1.2M', visibility: 'internal' }],
    });
    expect(workspace.abilities).toEqual([
      'read',
      'update',
      'archive',
      'read_members',
      'manage_members',
      'invite',
      'invite_employees',
      'read_invitations',
      'create_folder',
      'read_trash',
      'empty_trash',
      'create_task',
      'create_note',
      'create_activity',
      'comment',
    ]);

    const members = (await get(creator.caller, `/api/v1/workspaces/${workspace.id}/members`)).json().items;
    expect(members.map((m: { user: { id: string }; role: string }) => [m.user.id, m.role])).toEqual([[creator.id, 'manager']]);

    const audit = await auditOf(t, 'workspace.created', workspace.id);
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: creator.id, target_type: 'workspace', workspace_id: workspace.id, ip: '192.0.2.44' }),
    ]);
  });

  it('refuses a blank name with 400 naming /name and creates nothing', async () => {
    const creator = await employee();
    const response = await call(t.app, 'POST', '/api/v1/workspaces', { name: '   ' }, creator.caller);
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['/name']);
    expect((await get(creator.caller, '/api/v1/workspaces')).json().items).toEqual([]);
  });

  it('refuses guests', async () => {
    const manager = await employee();
    const workspace = await createWorkspace(t, manager.caller);
    const guest = await inviteAndAccept(t, manager.caller, workspace.id);
    expect((await call(t.app, 'POST', '/api/v1/workspaces', { name: 'Mine' }, guest.caller)).statusCode).toBe(403);
  });
});

describe('the creation policy "extranet group"', () => {
  it('refuses employees outside the group with 403 and lets them create once an administrator adds them', async () => {
    await setPolicy(t, admin, { workspaceCreators: 'extranet_group' });
    try {
      const outsider = await employee();
      const me = (await get(outsider.caller, '/api/v1/me')).json();
      expect(me.abilities).not.toContain('workspaces.create');
      const refused = await call(t.app, 'POST', '/api/v1/workspaces', { name: 'Not allowed' }, outsider.caller);
      expect(refused.statusCode).toBe(403);
      expect((await get(admin, '/api/v1/workspaces?q=Not%20allowed')).json().items).toEqual([]);

      const added = await call(t.app, 'PATCH', `/api/v1/users/${outsider.id}`, { extranetGroup: true }, admin);
      expect(added.statusCode, added.body).toBe(200);
      expect((await get(outsider.caller, '/api/v1/me')).json().abilities).toContain('workspaces.create');
      expect((await call(t.app, 'POST', '/api/v1/workspaces', { name: 'Allowed now' }, outsider.caller)).statusCode).toBe(201);

      // Administrators and extranet administrators are never held back by the group.
      const extranetAdmin = await employee('extranet_admin');
      expect((await call(t.app, 'POST', '/api/v1/workspaces', { name: 'By extranet admin' }, extranetAdmin.caller)).statusCode).toBe(201);
    } finally {
      await setPolicy(t, admin, { workspaceCreators: 'all_employees' });
    }
  });

  it('keeps a manager outside the group from inviting guests, but not from inviting colleagues', async () => {
    const manager = await employee();
    const workspace = await createWorkspace(t, manager.caller);
    const colleague = await employee();
    await setPolicy(t, admin, { workspaceCreators: 'extranet_group' });
    try {
      const read = (await get(manager.caller, `/api/v1/workspaces/${workspace.id}`)).json();
      expect(read.abilities).not.toContain('invite');
      expect(read.abilities).toContain('invite_employees');
      expect((await invite(t, manager.caller, workspace.id, { email: `${unique('g-')}@partner.example`, role: 'guest' })).statusCode).toBe(
        403,
      );
      expect((await invite(t, manager.caller, workspace.id, { email: colleague.email, role: 'member' })).statusCode).toBe(201);
    } finally {
      await setPolicy(t, admin, { workspaceCreators: 'all_employees' });
    }
  });
});

describe('who sees which workspaces', () => {
  it('shows employees and guests only their own, and administrators and extranet administrators every one', async () => {
    const manager = await employee();
    const outsider = await employee();
    const extranetAdmin = await employee('extranet_admin');
    const tag = unique('Scoped ');
    const mine = await createWorkspace(t, manager.caller, { name: `${tag} one` });
    const other = await createWorkspace(t, manager.caller, { name: `${tag} two` });
    const guest = await inviteAndAccept(t, manager.caller, mine.id);
    const q = `?q=${encodeURIComponent(tag)}`;

    expect((await get(outsider.caller, `/api/v1/workspaces${q}`)).json().items).toEqual([]);
    expect(names((await get(guest.caller, `/api/v1/workspaces${q}`)).json().items)).toEqual([`${tag} one`]);
    expect((await get(guest.caller, `/api/v1/workspaces${q}`)).json().items[0].myRole).toBe('guest');
    for (const governor of [admin, extranetAdmin.caller]) {
      const items = (await get(governor, `/api/v1/workspaces${q}`)).json().items;
      expect(names(items)).toEqual([`${tag} one`, `${tag} two`]);
      expect(items.map((i: { myRole: string | null }) => i.myRole)).toEqual([null, null]);
    }

    // Outside one's reach is exactly like not existing at all.
    const missing = await get(outsider.caller, `/api/v1/workspaces/${RANDOM_ID}`);
    expect(missing.statusCode).toBe(404);
    for (const [caller, id] of [
      [outsider.caller, mine.id],
      [guest.caller, other.id],
    ] as const) {
      for (const path of ['', '/members', '/invitations']) {
        const hidden = await get(caller, `/api/v1/workspaces/${id}${path}`);
        expect(hidden.statusCode, path).toBe(404);
        expect(hidden.body).toBe(missing.body);
      }
    }
  });

  it('searches by name, filters by status and pages with a cursor without gaps or repeats', async () => {
    const manager = await employee();
    const tag = unique('Paged ');
    for (const suffix of ['delta', 'Alpha', 'echo', 'Bravo', 'charlie'])
      await createWorkspace(t, manager.caller, { name: `${tag} ${suffix}` });
    const archived = await createWorkspace(t, manager.caller, { name: `${tag} foxtrot` });
    expect((await call(t.app, 'POST', `/api/v1/workspaces/${archived.id}/archive`, undefined, manager.caller)).statusCode).toBe(200);

    const seen: string[] = [];
    let url = `/api/v1/workspaces?q=${encodeURIComponent(tag.toUpperCase())}&limit=2`;
    const pages: number[] = [];
    for (;;) {
      const page = (await get(manager.caller, url)).json();
      pages.push(page.items.length);
      seen.push(...names(page.items));
      if (!page.nextCursor) break;
      url = `/api/v1/workspaces?q=${encodeURIComponent(tag)}&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(pages).toEqual([2, 2, 2]);
    expect(seen).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map((s) => `${tag} ${s}`));

    const active = (await get(manager.caller, `/api/v1/workspaces?q=${encodeURIComponent(tag)}&status=active`)).json().items;
    expect(names(active)).not.toContain(`${tag} foxtrot`);
    expect(active).toHaveLength(5);
    const onlyArchived = (await get(manager.caller, `/api/v1/workspaces?q=${encodeURIComponent(tag)}&status=archived`)).json().items;
    expect(onlyArchived.map((w: { id: string; status: string }) => [w.id, w.status])).toEqual([[archived.id, 'archived']]);

    const bad = await get(manager.caller, '/api/v1/workspaces?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
  });
});

describe('item details', () => {
  it('gives guests only the details shared with guests, and no internal label or value anywhere', async () => {
    const manager = await employee();
    const member = await employee();
    const secretLabel = unique('Margin-');
    const secretValue = unique('secret-value-');
    const workspace = await createWorkspace(t, manager.caller, {
      fields: [
        { label: 'Site address', value: '12 Quay Street', visibility: 'guests' },
        { label: secretLabel, value: secretValue, visibility: 'internal' },
        { label: 'Phase', value: 'two', visibility: 'guests' },
      ],
      guestSettings: { seeMembers: true },
    });
    await addMember(t, workspace.id, member.id, 'member');
    const guest = await inviteAndAccept(t, manager.caller, workspace.id);

    const forGuest = await get(guest.caller, `/api/v1/workspaces/${workspace.id}`);
    expect(forGuest.statusCode).toBe(200);
    expect(forGuest.json().fields.map((f: { label: string; value: string }) => [f.label, f.value])).toEqual([
      ['Site address', '12 Quay Street'],
      ['Phase', 'two'],
    ]);
    for (const url of [
      '/api/v1/workspaces',
      `/api/v1/workspaces/${workspace.id}`,
      `/api/v1/workspaces/${workspace.id}/members`,
      '/api/v1/me',
    ]) {
      const body = (await get(guest.caller, url)).body;
      expect(body, url).not.toContain(secretLabel);
      expect(body, url).not.toContain(secretValue);
    }

    const forMember = (await get(member.caller, `/api/v1/workspaces/${workspace.id}`)).json();
    expect(forMember.fields.map((f: { label: string }) => f.label)).toEqual(['Site address', secretLabel, 'Phase']);
  });
});

describe('changing a workspace', () => {
  it('applies a change made on the latest version and refuses a stale If-Match with 412, changing nothing', async () => {
    const manager = await employee();
    const created = await call(
      t.app,
      'POST',
      '/api/v1/workspaces',
      { name: 'Before', fields: [{ label: 'Old', value: '1', visibility: 'guests' }] },
      manager.caller,
    );
    const id = created.json().id;
    const firstTag = String(created.headers.etag);

    const changed = await call(
      t.app,
      'PATCH',
      `/api/v1/workspaces/${id}`,
      { name: 'After', fields: [{ label: 'New', value: '2', visibility: 'internal' }], guestSettings: { seeMembers: true } },
      manager.caller,
      { 'if-match': firstTag },
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'After', fields: [{ label: 'New', value: '2', visibility: 'internal' }] });
    expect(changed.json().guestSettings).toEqual({ upload: false, createTasks: false, comment: true, seeMembers: true, invite: false });
    expect(changed.headers.etag).not.toBe(firstTag);

    const stale = await call(t.app, 'PATCH', `/api/v1/workspaces/${id}`, { name: 'Lost update', fields: [] }, manager.caller, {
      'if-match': firstTag,
    });
    expect(stale.statusCode).toBe(412);
    const now = await get(manager.caller, `/api/v1/workspaces/${id}`);
    expect(now.json()).toMatchObject({ name: 'After', fields: [{ label: 'New', value: '2' }] });
    expect(now.headers.etag).toBe(changed.headers.etag);
    expect(await auditOf(t, 'workspace.updated', id)).toHaveLength(1);
  });

  it('lets one of two changes made on the same version win; the other gets 412', async () => {
    const manager = await employee();
    const created = await call(t.app, 'POST', '/api/v1/workspaces', { name: 'Contended' }, manager.caller);
    const tag = String(created.headers.etag);
    const base = `/api/v1/workspaces/${created.json().id}`;
    const answers = await Promise.all(
      ['First writer', 'Second writer'].map((name) => call(t.app, 'PATCH', base, { name }, manager.caller, { 'if-match': tag })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.statusCode === 200)?.json().name;
    expect((await get(manager.caller, base)).json().name).toBe(winner);
  });

  it('lets only managers change it: members and guests get 403', async () => {
    const manager = await employee();
    const member = await employee();
    const workspace = await createWorkspace(t, manager.caller);
    await addMember(t, workspace.id, member.id, 'member');
    const guest = await inviteAndAccept(t, manager.caller, workspace.id);
    for (const caller of [member.caller, guest.caller]) {
      expect((await call(t.app, 'PATCH', `/api/v1/workspaces/${workspace.id}`, { name: 'Taken over' }, caller)).statusCode).toBe(403);
      expect((await call(t.app, 'POST', `/api/v1/workspaces/${workspace.id}/archive`, undefined, caller)).statusCode).toBe(403);
    }
    expect((await get(manager.caller, `/api/v1/workspaces/${workspace.id}`)).json().name).toBe(workspace.name);
  });
});

describe('an archived workspace', () => {
  it('answers every change with 409 until a manager restores it, then accepts changes again', async () => {
    const manager = await employee();
    const colleague = await employee();
    const workspace = await createWorkspace(t, manager.caller);
    await addMember(t, workspace.id, colleague.id, 'member');
    const guest = await inviteAndAccept(t, manager.caller, workspace.id);
    const open = await sendInvitation(t, manager.caller, workspace.id, { email: `${unique('open-')}@partner.example`, role: 'guest' });
    const base = `/api/v1/workspaces/${workspace.id}`;

    const archived = await call(t.app, 'POST', `${base}/archive`, undefined, manager.caller);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', archivedAt: expect.any(String) });
    // Reading stays, the trash included; arranging folders and emptying the trash wait for the restore.
    expect(archived.json().abilities).toEqual(['read', 'restore', 'read_members', 'read_invitations', 'read_trash']);

    const attempts = [
      () => call(t.app, 'PATCH', base, { name: 'Changed while archived' }, manager.caller),
      () => call(t.app, 'POST', `${base}/archive`, undefined, manager.caller),
      () => invite(t, manager.caller, workspace.id, { email: `${unique('late-')}@partner.example`, role: 'guest' }),
      () => invite(t, manager.caller, workspace.id, { email: colleague.email, role: 'member' }),
      () => changeInvitation(t, manager.caller, workspace.id, open.id, 'resend'),
      () => changeInvitation(t, manager.caller, workspace.id, open.id, 'revoke'),
      () => call(t.app, 'PATCH', `${base}/members/${guest.id}`, { role: 'viewer' }, manager.caller),
      () => call(t.app, 'PATCH', `${base}/members/${colleague.id}`, { role: 'manager' }, manager.caller),
      () => call(t.app, 'DELETE', `${base}/members/${guest.id}`, undefined, manager.caller),
    ];
    for (const [i, attempt] of attempts.entries()) {
      const response = await attempt();
      expect(response.statusCode, `change ${i}: ${response.body}`).toBe(409);
    }
    // Still readable, by the guest too, and nothing changed.
    const forGuest = await get(guest.caller, base);
    expect(forGuest.statusCode).toBe(200);
    expect(forGuest.json()).toMatchObject({ name: workspace.name, status: 'archived' });
    const members = (await get(manager.caller, `${base}/members`)).json().items;
    expect(members.find((m: { user: { id: string } }) => m.user.id === guest.id)).toMatchObject({ role: 'guest', abilities: [] });
    const invitations = (await get(manager.caller, `${base}/invitations`)).json().items;
    expect(invitations.find((i: { id: string }) => i.id === open.id).status).toBe('sent');

    const restored = await call(t.app, 'POST', `${base}/restore`, undefined, manager.caller);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ status: 'active', archivedAt: null });
    expect((await call(t.app, 'PATCH', base, { name: 'Changed after restore' }, manager.caller)).statusCode).toBe(200);
    expect((await call(t.app, 'PATCH', `${base}/members/${guest.id}`, { role: 'viewer' }, manager.caller)).statusCode).toBe(200);
    expect((await changeInvitation(t, manager.caller, workspace.id, open.id, 'revoke')).statusCode).toBe(200);
    expect(
      (await invite(t, manager.caller, workspace.id, { email: `${unique('after-')}@partner.example`, role: 'guest' })).statusCode,
    ).toBe(201);

    expect(await auditOf(t, 'workspace.archived', workspace.id)).toEqual([
      expect.objectContaining({ actor_id: manager.id, workspace_id: workspace.id, ip: '127.0.0.1' }),
    ]);
    expect(await auditOf(t, 'workspace.restored', workspace.id)).toHaveLength(1);
  });

  it('lets only managers archive and restore', async () => {
    const manager = await employee();
    const member = await employee();
    const workspace = await createWorkspace(t, manager.caller);
    await addMember(t, workspace.id, member.id, 'member');
    await call(t.app, 'POST', `/api/v1/workspaces/${workspace.id}/archive`, undefined, manager.caller);
    expect((await call(t.app, 'POST', `/api/v1/workspaces/${workspace.id}/restore`, undefined, member.caller)).statusCode).toBe(403);
    expect((await get(member.caller, `/api/v1/workspaces/${workspace.id}`)).json().status).toBe('archived');
  });
});
