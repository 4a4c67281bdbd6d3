import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call, callFrom, sessionCookieFrom, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  accept,
  adminCaller,
  auditOf,
  createWorkspace,
  enableExtranet,
  errorPaths,
  freshAddress,
  GUEST_PASSWORD,
  inviteAndAccept,
  managerWithWorkspace,
  preview,
  seatsUsed,
  sendInvitation,
  setPolicy,
  signedIn,
  tokenOf,
  unique,
} from '../support/workspaces.js';

// The invitee's side: opening the link and accepting it, as a newcomer, as a returning guest, or
// signed in; and everything that must refuse the link.

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

const manager = () => managerWithWorkspace(t);

const newEmail = (domain = 'partner.example') => `${unique('invitee-')}@${domain}`;

async function invited(m: { caller: Caller; workspaceId: string }, email = newEmail(), extra: { externalOrganizationId?: string } = {}) {
  const invitation = await sendInvitation(t, m.caller, m.workspaceId, { email, role: 'guest', ...extra });
  return { invitation, email, token: tokenOf(invitation.acceptUrl) };
}

const canSignIn = async (email: string, password = GUEST_PASSWORD) =>
  (await call(t.app, 'POST', '/api/v1/auth/login', { email, password })).statusCode === 200;

async function memberIds(m: { caller: Caller; workspaceId: string }): Promise<string[]> {
  const items = (await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}/members`, undefined, m.caller)).json().items;
  return items.map((i: { user: { id: string } }) => i.user.id);
}

describe('a newcomer accepting', () => {
  it('sees who invites them, creates a guest account, is signed in and lands in the workspace; the link then dies', async () => {
    const m = await manager();
    const { invitation, email, token } = await invited(m);
    const shown = await preview(t, token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ email, workspaceName: m.workspaceName, inviterName: m.name, organizationName: 'Foyer' });

    const response = await accept(t, token, { name: '  Grace Partner  ', password: GUEST_PASSWORD }, {}, '198.51.100.77');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      workspaceId: m.workspaceId,
      user: { email, name: 'Grace Partner', kind: 'guest', status: 'active' },
    });
    const guest: Caller = { cookie: sessionCookieFrom(response) };
    const guestId = response.json().user.id;

    const workspace = await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}`, undefined, guest);
    expect(workspace.statusCode).toBe(200);
    expect(workspace.json().myRole).toBe('guest');
    const members = (await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}/members`, undefined, m.caller)).json().items;
    expect(members.find((i: { user: { id: string } }) => i.user.id === guestId)).toMatchObject({
      role: 'guest',
      status: 'active',
      sponsor: { id: m.id, name: m.name },
    });
    expect(await canSignIn(email)).toBe(true);
    expect(await auditOf(t, 'invitation.accepted', invitation.id)).toEqual([
      expect.objectContaining({ actor_id: guestId, workspace_id: m.workspaceId, ip: '198.51.100.77' }),
    ]);

    // Single use: the same link, even by the same person, now answers like an unknown one.
    const unknown = await accept(t, 'x'.repeat(43), {});
    for (const second of [await accept(t, token, { name: 'Again', password: GUEST_PASSWORD }), await accept(t, token, {}, guest)]) {
      expect(second.statusCode).toBe(404);
      expect(second.body).toBe(unknown.body);
    }
    expect((await preview(t, token)).statusCode).toBe(404);
  });

  it('names the missing or weak field with 400 and leaves the link usable', async () => {
    const m = await manager();
    const { email, token } = await invited(m);
    const noName = await accept(t, token, { password: GUEST_PASSWORD });
    expect(noName.statusCode).toBe(400);
    expect(errorPaths(noName)).toEqual(['/name']);
    const weak = await accept(t, token, { name: 'Weak Password', password: 'foyer' });
    expect(weak.statusCode).toBe(400);
    expect(errorPaths(weak)).toEqual(['/password']);
    expect(await canSignIn(email, 'foyer')).toBe(false);
    expect((await accept(t, token, { name: 'Strong Password', password: GUEST_PASSWORD })).statusCode).toBe(200);
  });
});

describe('links that must not work', () => {
  it('refuses preview and acceptance while the extranet is off and creates nothing; works again once it is on', async () => {
    const m = await manager();
    const { email, token } = await invited(m);
    await setPolicy(t, admin, { extranetEnabled: false });
    try {
      expect((await preview(t, token)).statusCode).toBe(403);
      const refused = await accept(t, token, { name: 'Closed Door', password: GUEST_PASSWORD });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().type).toBe('urn:foyer:problem:extranet-closed');
      expect(refused.cookies.find((c) => c.name.endsWith('foyer_session'))).toBeUndefined();
    } finally {
      await enableExtranet(t, admin);
    }
    expect(await canSignIn(email)).toBe(false);
    expect((await accept(t, token, { name: 'Open Door', password: GUEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses with 409 when the seats filled up after the invitation was sent, and creates no account', async () => {
    const m = await manager();
    const first = await invited(m);
    const second = await invited(m);
    await setPolicy(t, admin, { guestSeatLimit: (await seatsUsed(t, admin)) + 1 });
    try {
      expect((await accept(t, first.token, { name: 'First Come', password: GUEST_PASSWORD })).statusCode).toBe(200);
      const late = await accept(t, second.token, { name: 'Too Late', password: GUEST_PASSWORD });
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toMatch(/seat/i);
      expect(await canSignIn(second.email)).toBe(false);
      expect((await preview(t, second.token)).statusCode).toBe(200);
    } finally {
      await setPolicy(t, admin, { guestSeatLimit: 0 });
    }
    expect((await accept(t, second.token, { name: 'Now There Is Room', password: GUEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses another signed-in person with 403 and keeps the link for the invitee', async () => {
    const m = await manager();
    const { token, email } = await invited(m);
    const colleague = await signedIn(t, await makeEmployee(t.ctx));
    const otherGuest = await inviteAndAccept(t, m.caller, (await createWorkspace(t, m.caller)).id);
    for (const intruder of [colleague, otherGuest.caller]) {
      const response = await accept(t, token, {}, intruder);
      expect(response.statusCode).toBe(403);
    }
    expect(await memberIds(m)).not.toContain(otherGuest.id);
    expect((await accept(t, token, { name: 'Rightful Invitee', password: GUEST_PASSWORD })).statusCode).toBe(200);
    expect(await canSignIn(email)).toBe(true);
  });
});

describe('people who already have an account', () => {
  it('adds an existing guest who signs in and accepts with an empty body, keeping their session', async () => {
    const m = await manager();
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    const other = await manager();
    const { token, invitation } = await invited(other, guest.email);
    const cookie = await signIn(t.app, guest.email, guest.password);

    const response = await accept(t, token, {}, { cookie });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ workspaceId: other.workspaceId, user: { id: guest.id } });
    const workspaces = (await call(t.app, 'GET', '/api/v1/workspaces', undefined, { cookie })).json().items;
    expect(workspaces.map((w: { id: string }) => w.id).sort()).toEqual([m.workspaceId, other.workspaceId].sort());
    expect(await memberIds(other)).toContain(guest.id);
    expect(await auditOf(t, 'invitation.accepted', invitation.id)).toEqual([expect.objectContaining({ actor_id: guest.id })]);
  });

  it('answers 409 to an existing account that is not signed in, and adds an employee who signs in first', async () => {
    const m = await manager();
    const guest = await inviteAndAccept(t, m.caller, (await createWorkspace(t, m.caller)).id);
    const forGuest = await invited(m, guest.email);
    expect((await accept(t, forGuest.token, {})).statusCode).toBe(409);
    expect((await accept(t, forGuest.token, { name: 'Someone Else', password: 'an entirely different passphrase' })).statusCode).toBe(409);
    expect(await memberIds(m)).not.toContain(guest.id);

    const colleague = await makeEmployee(t.ctx);
    const asMember = await sendInvitation(t, m.caller, m.workspaceId, { email: colleague.email, role: 'member' });
    expect((await accept(t, tokenOf(asMember.acceptUrl), {})).statusCode).toBe(409);
    const accepted = await accept(t, tokenOf(asMember.acceptUrl), {}, await signedIn(t, colleague));
    expect(accepted.statusCode, accepted.body).toBe(200);
    const members = (await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}/members`, undefined, m.caller)).json().items;
    expect(members.find((i: { user: { id: string } }) => i.user.id === colleague.id)?.role).toBe('member');
  });

  it('brings back a guest suspended when their last workspace ended, with their own password', async () => {
    const m = await manager();
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    expect((await call(t.app, 'DELETE', `/api/v1/workspaces/${m.workspaceId}/members/${guest.id}`, undefined, m.caller)).statusCode).toBe(
      204,
    );
    expect(await canSignIn(guest.email)).toBe(false);

    const { token } = await invited(m, guest.email);
    const wrong = await accept(t, token, { password: 'not the password of this guest' });
    expect(wrong.statusCode).toBe(400);
    expect(errorPaths(wrong)).toEqual(['/password']);
    const back = await accept(t, token, { password: guest.password });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().user).toMatchObject({ id: guest.id, status: 'active' });
    expect(await canSignIn(guest.email)).toBe(true);
  });
});

describe('the external organization of a new guest', () => {
  it('is found by the e-mail domain (subdomains too), unless the inviter chose one', async () => {
    const domain = `${unique('northwind')}.example`;
    const byDomain = await call(t.app, 'POST', '/api/v1/external-organizations', { name: unique('Northwind '), domains: [domain] }, admin);
    expect(byDomain.statusCode, byDomain.body).toBe(201);
    const chosen = await call(t.app, 'POST', '/api/v1/external-organizations', { name: unique('Contoso ') }, admin);
    expect(chosen.statusCode, chosen.body).toBe(201);
    const m = await manager();

    const matched = await inviteAndAccept(t, m.caller, m.workspaceId, { email: newEmail(`eu.${domain}`) });
    const picked = await inviteAndAccept(t, m.caller, m.workspaceId, { email: newEmail(domain), externalOrganizationId: chosen.json().id });
    const unmatched = await inviteAndAccept(t, m.caller, m.workspaceId, { email: newEmail('elsewhere.example') });

    const organizationOf = async (id: string) =>
      (await call(t.app, 'GET', `/api/v1/users/${id}`, undefined, admin)).json().externalOrganization;
    expect(await organizationOf(matched.id)).toEqual({ id: byDomain.json().id, name: byDomain.json().name });
    expect(await organizationOf(picked.id)).toEqual({ id: chosen.json().id, name: chosen.json().name });
    expect(await organizationOf(unmatched.id)).toBeNull();
    const members = (await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}/members`, undefined, m.caller)).json().items;
    expect(members.find((i: { user: { id: string } }) => i.user.id === matched.id).user.externalOrganization).toEqual({
      id: byDomain.json().id,
      name: byDomain.json().name,
    });
  });
});

describe('acceptances at the same moment', () => {
  it('lets one of two acceptances of the same link win; the other is refused with 404 or 409, never a server error', async () => {
    const m = await manager();
    // A few rounds: which request gets how far before the other commits varies from run to run.
    for (let round = 0; round < 5; round++) {
      const { email, token } = await invited(m);
      const answers = await Promise.all([
        accept(t, token, { name: 'First Tab', password: GUEST_PASSWORD }),
        accept(t, token, { name: 'Second Tab', password: GUEST_PASSWORD }),
      ]);
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses[0], `round ${round}: ${answers.map((a) => a.body).join(' | ')}`).toBe(200);
      expect([404, 409], `round ${round}: ${answers.map((a) => a.body).join(' | ')}`).toContain(statuses[1]);
      const accounts = await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute();
      expect(accounts).toHaveLength(1);
    }
  });

  it('fills no more seats than the limit when newcomers accept in a burst', async () => {
    const m = await manager();
    const links = [];
    for (let i = 0; i < 12; i++) links.push((await invited(m)).token);
    const limit = (await seatsUsed(t, admin)) + 1;
    await setPolicy(t, admin, { guestSeatLimit: limit });
    try {
      const answers = await Promise.all(links.map((token, i) => accept(t, token, { name: `Burst ${i}`, password: GUEST_PASSWORD })));
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses).toEqual([200, ...Array<number>(11).fill(409)]);
      expect(await seatsUsed(t, admin)).toBe(limit);
    } finally {
      await setPolicy(t, admin, { guestSeatLimit: 0 });
    }
  });
});

describe('guessing links', () => {
  function expectThrottled(response: LightMyRequestResponse): void {
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  }

  it('answers 429 with Retry-After after 10 wrong links from one address, even for a good link; other addresses go on', async () => {
    const m = await manager();
    const { token } = await invited(m);
    const address = freshAddress();
    for (let i = 0; i < 10; i++) {
      const guess =
        i % 2 === 0 ? await accept(t, `guess-${i}-${'a'.repeat(40)}`, {}, {}, address) : await preview(t, `guess-${i}`, address);
      expect(guess.statusCode, `guess ${i + 1}`).toBe(404);
    }
    expectThrottled(await accept(t, token, { name: 'Blocked Here', password: GUEST_PASSWORD }, {}, address));
    expectThrottled(await preview(t, token, address));

    const elsewhere = await callFrom(freshAddress(), t.app, 'POST', `/api/v1/invitations/${token}/accept`, {
      name: 'From Home',
      password: GUEST_PASSWORD,
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('a domain blocked after the invitation left', () => {
  it('keeps the newcomer out at acceptance and adds nobody', async () => {
    const inviter = await manager();
    const workspace = await createWorkspace(t, inviter.caller);
    const email = `${unique('late-')}@soon-blocked.example`;
    const invitation = await sendInvitation(t, inviter.caller, workspace.id, { email, role: 'guest' });
    await setPolicy(t, admin, { blockedGuestDomains: ['soon-blocked.example'] });
    try {
      const response = await accept(t, tokenOf(invitation.acceptUrl), { name: 'Late Comer', password: GUEST_PASSWORD });
      expect(response.statusCode).toBe(403);
      expect(response.json().detail).toMatch(/domain/);
      const account = await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      expect(account).toBeUndefined();
    } finally {
      await setPolicy(t, admin, { blockedGuestDomains: [] });
    }
  });
});
