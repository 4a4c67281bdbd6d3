import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  auditOf,
  enableExtranet,
  errorPaths,
  inFuture,
  inPast,
  inviteAndAccept,
  managerWithWorkspace,
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

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const get = (caller: Caller, url: string, app = t) => call(app.app, 'GET', url, undefined, caller);
const revoke = (caller: Caller, items: { workspaceId: string; userId: string }[]) =>
  call(t.app, 'POST', '/api/v1/exposure/memberships/revoke', { items }, caller);
const extend = (caller: Caller, items: { workspaceId: string; userId: string }[], expiresAt: string | null) =>
  call(t.app, 'POST', '/api/v1/exposure/memberships/extend', { items, expiresAt }, caller);

interface ExposedGuest {
  user: {
    id: string;
    name: string;
    email: string;
    status: string;
    lastSignInAt: string | null;
    externalOrganization: { id: string } | null;
  };
  memberships: {
    workspace: { id: string; name: string; status: string };
    role: string;
    expiresAt: string | null;
    sponsor: { id: string; name: string } | null;
    status: string;
  }[];
}

async function guests(caller: Caller, query: string): Promise<{ items: ExposedGuest[]; nextCursor: string | null }> {
  const response = await get(caller, `/api/v1/exposure/guests?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function membership(workspaceId: string, userId: string) {
  return t.ctx.db
    .selectFrom('memberships')
    .select(['expires_at', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

async function setLastSignIn(userId: string, at: string | null, app = t) {
  await app.ctx.db.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', userId).execute();
}

async function expireLink(invitationId: string, app = t) {
  await app.ctx.db
    .updateTable('invitations')
    .set({ link_expires_at: inPast(5) })
    .where('id', '=', invitationId)
    .execute();
}

describe('the summary', () => {
  it('counts seats against the limit, guests, pending and expired invitations, inactive guests and memberships ending soon', async () => {
    // A world of its own, so every figure is exact.
    const own = await startTestApp();
    try {
      const boss = await adminCaller(own);
      await enableExtranet(own, boss, { guestSeatLimit: 10 });
      const w = await managerWithWorkspace(own);
      const active = await inviteAndAccept(own, w.caller, w.workspaceId); // signed in just now
      const ending = await inviteAndAccept(own, w.caller, w.workspaceId);
      expect(
        (await call(own.app, 'PATCH', `/api/v1/workspaces/${w.workspaceId}/members/${ending.id}`, { expiresAt: inFuture(5) }, w.caller))
          .statusCode,
      ).toBe(200);
      const neverSignedIn = await makeGuest(own.ctx);
      await addMember(own, w.workspaceId, neverSignedIn.id, 'guest', { expiresAt: inFuture(60) });
      const stale = await makeGuest(own.ctx);
      await addMember(own, w.workspaceId, stale.id, 'viewer');
      await setLastSignIn(stale.id, daysAgo(40), own);
      const lately = await makeGuest(own.ctx);
      await addMember(own, w.workspaceId, lately.id, 'guest');
      await setLastSignIn(lately.id, daysAgo(10), own);
      const suspended = await makeGuest(own.ctx);
      await own.ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
      await sendInvitation(own, w.caller, w.workspaceId, { email: `${unique('pending-')}@partner.example`, role: 'guest' });
      const old = await sendInvitation(own, w.caller, w.workspaceId, { email: `${unique('old-')}@partner.example`, role: 'guest' });
      await expireLink(old.id, own);

      const summary = await get(boss, '/api/v1/exposure/summary', own);
      expect(summary.statusCode, summary.body).toBe(200);
      // Accepted invitations count as neither pending nor expired.
      expect(summary.json()).toEqual({
        seats: { used: 5, limit: 10 },
        guests: 6,
        pendingInvitations: 1,
        expiredInvitations: 1,
        inactiveGuests: 2,
        endingSoon: 1,
        inactiveDays: 30,
        endingWithinDays: 14,
      });
      const narrower = (await get(boss, '/api/v1/exposure/summary?inactiveDays=7&endingWithinDays=90', own)).json();
      expect(narrower).toMatchObject({ inactiveGuests: 3, endingSoon: 2, inactiveDays: 7, endingWithinDays: 90 });

      await setPolicy(own, boss, { guestSeatLimit: 0 });
      expect((await get(boss, '/api/v1/exposure/summary', own)).json().seats).toEqual({ used: 5, limit: null });
      expect(active.id).not.toBe(ending.id);
      for (const bad of ['inactiveDays=0', 'endingWithinDays=-1', 'inactiveDays=abc']) {
        expect((await get(boss, `/api/v1/exposure/summary?${bad}`, own)).statusCode, bad).toBe(400);
      }
    } finally {
      await own.close();
    }
  });
});

describe('the guest list', () => {
  it('lists guests only, with every workspace, role, end date, sponsor and status; filters; pages by name', async () => {
    const prefix = unique('Exposed ');
    const w = await managerWithWorkspace(t);
    const w2 = await managerWithWorkspace(t);
    const colleague = await makeEmployee(t.ctx, { name: `${prefix} Colleague` });
    await addMember(t, w.workspaceId, colleague.id, 'member');
    const anna = await inviteAndAccept(t, w.caller, w.workspaceId, { name: `${prefix} Anna` });
    const bert = await makeGuest(t.ctx, { name: `${prefix} Bert` });
    await addMember(t, w.workspaceId, bert.id, 'viewer', { sponsorId: w.id, expiresAt: inFuture(3) });
    await addMember(t, w2.workspaceId, bert.id, 'guest', { sponsorId: w2.id, expiresAt: inPast(60) });
    const carl = await makeGuest(t.ctx, { name: `${prefix} Carl` });
    await addMember(t, w2.workspaceId, carl.id, 'guest', { expiresAt: inFuture(40) });
    await setLastSignIn(carl.id, daysAgo(5));
    const dora = await makeGuest(t.ctx, { name: `${prefix} Dora` });
    await t.ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', dora.id).execute();
    await setLastSignIn(dora.id, daysAgo(100));

    const q = `q=${encodeURIComponent(prefix)}`;
    const all = await guests(admin, q);
    expect(all.items.map((g) => g.user.name)).toEqual([anna.name, bert.name, carl.name, dora.name]);
    expect(all.nextCursor).toBeNull();
    const b = all.items[1];
    expect(b?.user).toMatchObject({ id: bert.id, email: bert.email, status: 'active', lastSignInAt: null, externalOrganization: null });
    expect(b?.memberships).toEqual(
      [
        {
          workspace: { id: w.workspaceId, name: w.workspaceName, status: 'active' },
          role: 'viewer',
          expiresAt: expect.any(String),
          sponsor: { id: w.id, name: w.name },
          status: 'active',
        },
        {
          workspace: { id: w2.workspaceId, name: w2.workspaceName, status: 'active' },
          role: 'guest',
          expiresAt: expect.any(String),
          sponsor: { id: w2.id, name: w2.name },
          status: 'expired',
        },
      ].sort((x, y) => x.workspace.name.toLowerCase().localeCompare(y.workspace.name.toLowerCase())),
    );
    expect(all.items[0]?.memberships[0]).toMatchObject({ sponsor: { id: w.id, name: w.name }, role: 'guest', expiresAt: null });
    expect(all.items[0]?.user.lastSignInAt).not.toBeNull();

    // Searching by e-mail; the suspended and the active apart.
    expect((await guests(admin, `q=${encodeURIComponent(bert.email)}`)).items.map((g) => g.user.id)).toEqual([bert.id]);
    expect((await guests(admin, `${q}&status=suspended`)).items.map((g) => g.user.id)).toEqual([dora.id]);
    // Not signed in for 30 days (or never): Bert and Dora; for 3 days: Carl too.
    expect((await guests(admin, `${q}&inactiveDays=30`)).items.map((g) => g.user.id)).toEqual([bert.id, dora.id]);
    expect((await guests(admin, `${q}&inactiveDays=3`)).items.map((g) => g.user.id)).toEqual([bert.id, carl.id, dora.id]);
    // An active membership ending within 7 days: Bert's (his ended one does not count); within 60: Carl too.
    expect((await guests(admin, `${q}&endingWithinDays=7`)).items.map((g) => g.user.id)).toEqual([bert.id]);
    expect((await guests(admin, `${q}&endingWithinDays=60`)).items.map((g) => g.user.id)).toEqual([bert.id, carl.id]);

    // The external organization.
    const org = await call(t.app, 'POST', '/api/v1/external-organizations', { name: unique('Partner '), domains: [] }, admin);
    expect(org.statusCode, org.body).toBe(201);
    const orgId = org.json().id as string;
    const moved = await call(t.app, 'PATCH', `/api/v1/users/${carl.id}`, { externalOrganizationId: orgId }, admin);
    expect(moved.statusCode, moved.body).toBe(200);
    const ofOrg = await guests(admin, `organizationId=${orgId}`);
    expect(ofOrg.items.map((g) => g.user.id)).toEqual([carl.id]);
    expect(ofOrg.items[0]?.user.externalOrganization).toMatchObject({ id: orgId });

    // Pages of two, following the cursor: each guest once, in order.
    const first = await guests(admin, `${q}&limit=2`);
    expect(first.items.map((g) => g.user.id)).toEqual([anna.id, bert.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await guests(admin, `${q}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((g) => g.user.id)).toEqual([carl.id, dora.id]);
    expect(second.nextCursor).toBeNull();
    const wrong = await get(admin, `/api/v1/exposure/guests?cursor=nonsense`);
    expect(wrong.statusCode).toBe(400);
    expect(errorPaths(wrong)).toEqual(['/querystring/cursor']);
  });
});

describe('the invitation list', () => {
  it('lists pending and expired invitations of every workspace, newest first, in pages', async () => {
    const w = await managerWithWorkspace(t);
    const w2 = await managerWithWorkspace(t);
    const pending = await sendInvitation(t, w.caller, w.workspaceId, { email: `${unique('p-')}@partner.example`, role: 'guest' });
    const expired = await sendInvitation(t, w2.caller, w2.workspaceId, { email: `${unique('e-')}@partner.example`, role: 'viewer' });
    await expireLink(expired.id);
    // Newest first: the pending one is older.
    await t.ctx.db
      .updateTable('invitations')
      .set({ created_at: daysAgo(1) })
      .where('id', '=', pending.id)
      .execute();
    const revoked = await sendInvitation(t, w.caller, w.workspaceId, { email: `${unique('r-')}@partner.example`, role: 'guest' });
    const r = await call(t.app, 'POST', `/api/v1/workspaces/${w.workspaceId}/invitations/${revoked.id}/revoke`, undefined, w.caller);
    expect(r.statusCode, r.body).toBe(200);

    const pendingList = (await get(admin, '/api/v1/exposure/invitations?status=pending&limit=200')).json();
    const pendingIds = pendingList.items.map((i: { id: string }) => i.id);
    expect(pendingIds).toContain(pending.id);
    expect(pendingIds).not.toContain(expired.id);
    expect(pendingIds).not.toContain(revoked.id);
    expect(pendingList.items.find((i: { id: string }) => i.id === pending.id)).toMatchObject({
      workspace: { id: w.workspaceId, name: w.workspaceName },
      email: pending.email,
      role: 'guest',
      status: 'sent',
      inviter: { id: w.id, name: w.name },
      createdAt: expect.any(String),
      linkExpiresAt: expect.any(String),
    });

    const expiredList = (await get(admin, '/api/v1/exposure/invitations?status=expired&limit=200')).json();
    expect(expiredList.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([expired.id]));
    expect(expiredList.items.map((i: { id: string }) => i.id)).not.toContain(pending.id);
    expect(expiredList.items.find((i: { id: string }) => i.id === expired.id)).toMatchObject({
      status: 'expired',
      workspace: { id: w2.workspaceId },
      role: 'viewer',
    });

    // Both, newest first, one per page, each once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(admin, `/api/v1/exposure/invitations?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().items.map((i: { id: string }) => i.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([pending.id, expired.id]));
    expect(seen).not.toContain(revoked.id);
    expect(seen.indexOf(expired.id)).toBeLessThan(seen.indexOf(pending.id));
    expect((await get(admin, '/api/v1/exposure/invitations?status=accepted')).statusCode).toBe(400);
  });
});

describe('revoking many memberships', () => {
  it('ends them like removing each member: audited, and a guest losing their last workspace is suspended at once', async () => {
    const w1 = await managerWithWorkspace(t);
    const w2 = await managerWithWorkspace(t);
    const leaving = await inviteAndAccept(t, w1.caller, w1.workspaceId);
    await addMember(t, w2.workspaceId, leaving.id, 'guest');
    const staying = await inviteAndAccept(t, w1.caller, w1.workspaceId);
    await addMember(t, w2.workspaceId, staying.id, 'viewer');
    expect((await get(leaving.caller, `/api/v1/workspaces/${w1.workspaceId}`)).statusCode).toBe(200);

    const response = await revoke(admin, [
      { workspaceId: w1.workspaceId, userId: leaving.id },
      { workspaceId: w2.workspaceId, userId: leaving.id },
      { workspaceId: w1.workspaceId, userId: staying.id },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ revoked: 3, suspended: 1 });

    expect(await membership(w1.workspaceId, leaving.id)).toBeUndefined();
    expect(await membership(w2.workspaceId, leaving.id)).toBeUndefined();
    expect(await membership(w1.workspaceId, staying.id)).toBeUndefined();
    // The very next request of the guest who lost everything is refused; the other keeps their hallway.
    expect((await get(leaving.caller, '/api/v1/me')).statusCode).toBe(401);
    expect((await get(staying.caller, `/api/v1/workspaces/${w1.workspaceId}`)).statusCode).toBe(404);
    expect((await get(staying.caller, `/api/v1/workspaces/${w2.workspaceId}`)).statusCode).toBe(200);
    const [leaver] = (await guests(admin, `q=${encodeURIComponent(leaving.email)}`)).items;
    expect(leaver).toMatchObject({ user: { status: 'suspended' }, memberships: [] });

    const removed = await auditOf(t, 'member.removed', leaving.id);
    expect(removed.map((r) => r.workspace_id).sort()).toEqual([w1.workspaceId, w2.workspaceId].sort());
    expect(removed.every((r) => r.actor_id === admin.id)).toBe(true);
    expect(await auditOf(t, 'member.removed', staying.id)).toHaveLength(1);
    expect(await auditOf(t, 'guest.suspended_without_workspace', leaving.id)).toHaveLength(1);
    expect(await auditOf(t, 'guest.suspended_without_workspace', staying.id)).toHaveLength(0);
    const bulk = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('action', '=', 'exposure.bulk_revoked')
      .where('actor_id', '=', admin.id)
      .execute();
    expect(bulk.map((b) => JSON.parse(b.details))).toContainEqual(expect.objectContaining({ count: 3, suspended: 1 }));
  });

  it('runs side by side with another bulk action and a single removal in the same workspaces without a deadlock', async () => {
    const spaces = await Promise.all([1, 2, 3, 4].map(() => managerWithWorkspace(t)));
    const guestsOf = await Promise.all(spaces.map((w) => Promise.all([1, 2].map(() => inviteAndAccept(t, w.caller, w.workspaceId)))));
    const first = spaces.map((w, i) => ({ workspaceId: w.workspaceId, userId: guestsOf[i]?.[0]?.id as string }));
    const second = spaces.map((w, i) => ({ workspaceId: w.workspaceId, userId: guestsOf[i]?.[1]?.id as string })).reverse();
    const last = spaces[3] as (typeof spaces)[number];
    const single = await inviteAndAccept(t, last.caller, last.workspaceId);
    const answers = await Promise.all([
      revoke(admin, first),
      revoke(admin, second),
      call(t.app, 'DELETE', `/api/v1/workspaces/${last.workspaceId}/members/${single.id}`, undefined, last.caller),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 204]);
  });

  it('changes nothing when any item is refused, naming each refused item', async () => {
    const w = await managerWithWorkspace(t);
    const archived = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, w.caller, w.workspaceId);
    const other = await makeGuest(t.ctx);
    await addMember(t, archived.workspaceId, other.id, 'guest');
    await addMember(t, w.workspaceId, other.id, 'guest');
    const colleague = await makeEmployee(t.ctx);
    await addMember(t, w.workspaceId, colleague.id, 'member');
    const ok = { workspaceId: w.workspaceId, userId: guest.id };
    const before = (
      await t.ctx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

    // An employee's membership, one that does not exist, and a repeat: 400 naming each.
    const bad = await revoke(admin, [
      ok,
      { workspaceId: w.workspaceId, userId: colleague.id },
      { workspaceId: w.workspaceId, userId: other.id },
      { workspaceId: archived.workspaceId, userId: guest.id },
      ok,
    ]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(errorPaths(bad)).toEqual(['/items/1', '/items/3', '/items/4']);

    // An archived workspace is read-only: 409 naming the item.
    expect((await call(t.app, 'POST', `/api/v1/workspaces/${archived.workspaceId}/archive`, undefined, archived.caller)).statusCode).toBe(
      200,
    );
    const conflict = await revoke(admin, [ok, { workspaceId: archived.workspaceId, userId: other.id }]);
    expect(conflict.statusCode, conflict.body).toBe(409);
    expect(errorPaths(conflict)).toEqual(['/items/1']);

    expect(await membership(w.workspaceId, guest.id)).toBeDefined();
    expect(await membership(w.workspaceId, colleague.id)).toBeDefined();
    expect((await get(guest.caller, `/api/v1/workspaces/${w.workspaceId}`)).statusCode).toBe(200);
    expect(await auditOf(t, 'member.removed', guest.id)).toHaveLength(0);
    const after = (
      await t.ctx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before) + 1); // only the archiving

    // Malformed bodies: empty, too many, unknown shape.
    expect((await revoke(admin, [])).statusCode).toBe(400);
    expect(
      (
        await revoke(
          admin,
          Array.from({ length: 201 }, () => ok),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(t.app, 'POST', '/api/v1/exposure/memberships/revoke', { items: [{ workspaceId: w.workspaceId }] }, admin)).statusCode,
    ).toBe(400);
  });
});

describe('extending many memberships', () => {
  it('sets one end date within the maximum access duration, all or nothing, audited; an ended membership comes back', async () => {
    const w1 = await managerWithWorkspace(t);
    const w2 = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, w1.caller, w1.workspaceId);
    const lapsed = await makeGuest(t.ctx);
    await addMember(t, w2.workspaceId, lapsed.id, 'viewer', { expiresAt: inPast(60) });
    await addMember(t, w2.workspaceId, guest.id, 'guest', { expiresAt: inFuture(2) });
    const items = [
      { workspaceId: w1.workspaceId, userId: guest.id },
      { workspaceId: w2.workspaceId, userId: guest.id },
      { workspaceId: w2.workspaceId, userId: lapsed.id },
    ];

    await setPolicy(t, admin, { guestMaxAccessDays: 30 });
    try {
      for (const expiresAt of [inFuture(31), null, inPast(5)]) {
        const refused = await extend(admin, items, expiresAt);
        expect(refused.statusCode, String(expiresAt)).toBe(400);
        expect(errorPaths(refused)).toEqual(['/expiresAt']);
      }
      expect((await membership(w1.workspaceId, guest.id))?.expires_at).toBeNull();

      // One bad item: nothing changes.
      const colleague = await makeEmployee(t.ctx);
      await addMember(t, w2.workspaceId, colleague.id, 'member');
      const oneBad = await extend(admin, [...items, { workspaceId: w2.workspaceId, userId: colleague.id }], inFuture(20));
      expect(oneBad.statusCode).toBe(400);
      expect(errorPaths(oneBad)).toEqual(['/items/3']);
      expect((await membership(w1.workspaceId, guest.id))?.expires_at).toBeNull();

      const end = inFuture(20);
      const response = await extend(admin, items, end);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ extended: 3 });
    } finally {
      await setPolicy(t, admin, { guestMaxAccessDays: 0 });
    }
    for (const item of items) {
      const row = await membership(item.workspaceId, item.userId);
      expect(row?.status).toBe('active');
      expect(Date.parse(row?.expires_at ?? '')).toBeGreaterThan(Date.now() + 19 * DAY);
    }
    const lapsedRow = (await guests(admin, `q=${encodeURIComponent(lapsed.email)}`)).items[0];
    expect(lapsedRow?.memberships[0]?.status).toBe('active');

    const updated = await auditOf(t, 'member.updated', guest.id);
    expect(updated.map((r) => r.workspace_id).sort()).toEqual([w1.workspaceId, w2.workspaceId].sort());
    expect(JSON.parse(updated[0]?.details ?? '{}')).toEqual({ expiresAt: expect.any(String) });
    const bulk = await t.ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'exposure.bulk_extended').execute();
    expect(bulk).toHaveLength(1);
    expect(JSON.parse(bulk[0]?.details ?? '{}')).toMatchObject({ count: 3, items });

    // Without a maximum, no end date is allowed too (like the member PATCH).
    const open = await extend(admin, [items[0] as { workspaceId: string; userId: string }], null);
    expect(open.statusCode, open.body).toBe(200);
    expect((await membership(w1.workspaceId, guest.id))?.expires_at).toBeNull();
  });
});

describe('access', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/v1/exposure/summary'],
    ['GET', '/api/v1/exposure/guests'],
    ['GET', '/api/v1/exposure/invitations'],
    ['POST', '/api/v1/exposure/memberships/revoke', { items: [{ workspaceId: 'w', userId: 'u' }] }],
    ['POST', '/api/v1/exposure/memberships/extend', { items: [{ workspaceId: 'w', userId: 'u' }], expiresAt: null }],
  ];

  it('lets administrators and extranet administrators in; other people get 403, anonymous callers 401', async () => {
    const w = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, w.caller, w.workspaceId);
    const employee = await makeEmployee(t.ctx);
    const extranetAdmin = await makeEmployee(t.ctx, { role: 'extranet_admin' });
    const governor = await signedIn(t, extranetAdmin);
    const others: [string, Caller][] = [
      ['employee', await signedIn(t, employee)],
      ['workspace manager', w.caller],
      ['guest', guest.caller],
    ];
    for (const [method, url, body] of routes) {
      for (const [who, caller] of others) {
        const response = await call(t.app, method as 'GET' | 'POST', url, body, caller);
        expect(response.statusCode, `${who} ${method} ${url}`).toBe(403);
      }
      const anonymous = await call(t.app, method as 'GET' | 'POST', url, body);
      expect(anonymous.statusCode, `anonymous ${method} ${url}`).toBe(401);
      if (method === 'GET') expect((await call(t.app, 'GET', url, undefined, governor)).statusCode, url).toBe(200);
    }
    // Nothing changed by the refused calls; an extranet administrator may act.
    expect(await membership(w.workspaceId, guest.id)).toBeDefined();
    const done = await call(
      t.app,
      'POST',
      '/api/v1/exposure/memberships/revoke',
      { items: [{ workspaceId: w.workspaceId, userId: guest.id }] },
      governor,
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(await auditOf(t, 'member.removed', guest.id)).toEqual([expect.objectContaining({ actor_id: extranetAdmin.id })]);
  });
});
