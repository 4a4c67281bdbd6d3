import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call, callFrom } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  auditOf,
  changeInvitation,
  enableExtranet,
  errorPaths,
  inFuture,
  invite,
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

// The rules checked when someone is invited (docs/extranet.md, "Refusals when inviting").

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
const DAY = 24 * 60 * 60 * 1000;

async function invitationsOf(caller: Caller, workspaceId: string) {
  return (await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}/invitations`, undefined, caller)).json().items as {
    id: string;
    email: string;
    status: string;
  }[];
}

describe('sending an invitation', () => {
  it('answers 201 with a sent invitation whose link is on the public URL and valid for the policy’s days', async () => {
    await setPolicy(t, admin, { invitationValidityDays: 3 });
    try {
      const m = await manager();
      const email = newEmail();
      const before = Date.now();
      const response = await callFrom(
        '198.51.100.23',
        t.app,
        'POST',
        `/api/v1/workspaces/${m.workspaceId}/invitations`,
        { email: email.toUpperCase(), role: 'guest', message: 'See you on site' },
        m.caller,
      );
      expect(response.statusCode, response.body).toBe(201);
      const invitation = response.json();
      expect(invitation).toMatchObject({
        workspace: { id: m.workspaceId, name: m.workspaceName },
        email,
        role: 'guest',
        status: 'sent',
        message: 'See you on site',
        inviter: { id: m.id, name: m.name },
        externalOrganization: null,
        rejectionReason: null,
      });
      expect(invitation.acceptUrl).toMatch(/^http:\/\/foyer\.test\/invitation#token=[A-Za-z0-9_-]{43,}$/);
      const validUntil = Date.parse(invitation.linkExpiresAt);
      expect(validUntil).toBeGreaterThanOrEqual(before + 3 * DAY - 1000);
      expect(validUntil).toBeLessThanOrEqual(Date.now() + 3 * DAY + 1000);

      expect((await invitationsOf(m.caller, m.workspaceId)).map((i) => [i.id, i.status])).toEqual([[invitation.id, 'sent']]);
      expect((await preview(t, tokenOf(invitation.acceptUrl))).json()).toMatchObject({
        email,
        workspaceName: m.workspaceName,
        inviterName: m.name,
      });
      expect(await auditOf(t, 'invitation.sent', invitation.id)).toEqual([
        expect.objectContaining({ actor_id: m.id, target_type: 'invitation', workspace_id: m.workspaceId, ip: '198.51.100.23' }),
      ]);
    } finally {
      await setPolicy(t, admin, { invitationValidityDays: 14 });
    }
  });

  it('proposes the default end of access for guests and refuses an end past the maximum with 400 naming /expiresAt', async () => {
    await setPolicy(t, admin, { guestDefaultAccessDays: 30, guestMaxAccessDays: 60 });
    try {
      const m = await manager();
      const proposed = await sendInvitation(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' });
      expect(Math.abs(Date.parse(proposed.expiresAt ?? '') - (Date.now() + 30 * DAY))).toBeLessThan(60_000);

      const tooLate = await invite(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest', expiresAt: inFuture(61) });
      expect(tooLate.statusCode).toBe(400);
      expect(errorPaths(tooLate)).toEqual(['/expiresAt']);
      const past = await invite(t, m.caller, m.workspaceId, {
        email: newEmail(),
        role: 'guest',
        expiresAt: new Date(Date.now() - DAY).toISOString(),
      });
      expect(past.statusCode).toBe(400);
      expect(errorPaths(past)).toEqual(['/expiresAt']);
      expect(await invitationsOf(m.caller, m.workspaceId)).toHaveLength(1);
    } finally {
      await setPolicy(t, admin, { guestDefaultAccessDays: 0, guestMaxAccessDays: 0 });
    }
  });
});

describe('refusals when inviting', () => {
  it('refuses with 409 while the extranet is off, and sends again once it is on', async () => {
    const m = await manager();
    await setPolicy(t, admin, { extranetEnabled: false });
    try {
      const off = await invite(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' });
      expect(off.statusCode).toBe(409);
      const workspace = (await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}`, undefined, m.caller)).json();
      expect(workspace.abilities).not.toContain('invite');
      expect(await invitationsOf(m.caller, m.workspaceId)).toEqual([]);
    } finally {
      await enableExtranet(t, admin);
    }
    expect((await invite(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' })).statusCode).toBe(201);
  });

  it('refuses a domain outside the allowed list or on the blocked list (subdomains too) with 400 naming /email', async () => {
    const m = await manager();
    await setPolicy(t, admin, { allowedGuestDomains: ['partner.example'], blockedGuestDomains: ['rival.partner.example'] });
    try {
      for (const email of [newEmail('elsewhere.example'), newEmail('rival.partner.example'), newEmail('dept.rival.partner.example')]) {
        const refused = await invite(t, m.caller, m.workspaceId, { email, role: 'guest' });
        expect(refused.statusCode, email).toBe(400);
        expect(errorPaths(refused)).toEqual(['/email']);
      }
      expect(await invitationsOf(m.caller, m.workspaceId)).toEqual([]);
      expect((await invite(t, m.caller, m.workspaceId, { email: newEmail('partner.example'), role: 'guest' })).statusCode).toBe(201);
      expect((await invite(t, m.caller, m.workspaceId, { email: newEmail('eu.partner.example'), role: 'viewer' })).statusCode).toBe(201);
      // Domain rules are about guests: a colleague is still invited as a member.
      const colleague = await makeEmployee(t.ctx);
      expect((await invite(t, m.caller, m.workspaceId, { email: colleague.email, role: 'member' })).statusCode).toBe(201);
    } finally {
      await setPolicy(t, admin, { allowedGuestDomains: [], blockedGuestDomains: [] });
    }
  });

  it('refuses a new guest with 409 once the seat limit is reached, but still invites an active guest', async () => {
    const m = await manager();
    const activeGuest = await inviteAndAccept(t, m.caller, m.workspaceId);
    const other = await manager();
    await setPolicy(t, admin, { guestSeatLimit: await seatsUsed(t, admin) });
    try {
      const refused = await invite(t, other.caller, other.workspaceId, { email: newEmail(), role: 'guest' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toMatch(/seat/i);
      expect((await invite(t, other.caller, other.workspaceId, { email: activeGuest.email, role: 'viewer' })).statusCode).toBe(201);
    } finally {
      await setPolicy(t, admin, { guestSeatLimit: 0 });
    }
  });

  it('refuses with 409 past the inviter’s quota of open invitations and active guests; revoking frees a place', async () => {
    const m = await manager();
    await setPolicy(t, admin, { inviterQuota: 2 });
    try {
      await inviteAndAccept(t, m.caller, m.workspaceId);
      const open = await sendInvitation(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' });
      const third = newEmail();
      const refused = await invite(t, m.caller, m.workspaceId, { email: third, role: 'viewer' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toMatch(/quota/i);

      // The quota is the inviter's own: a colleague and the administrators are not held back by it.
      const colleague = await manager();
      expect((await invite(t, colleague.caller, colleague.workspaceId, { email: newEmail(), role: 'guest' })).statusCode).toBe(201);
      expect((await invite(t, admin, m.workspaceId, { email: newEmail(), role: 'guest' })).statusCode).toBe(201);

      expect((await changeInvitation(t, m.caller, m.workspaceId, open.id, 'revoke')).statusCode).toBe(200);
      expect((await invite(t, m.caller, m.workspaceId, { email: third, role: 'viewer' })).statusCode).toBe(201);
    } finally {
      await setPolicy(t, admin, { inviterQuota: 0 });
    }
  });

  it('refuses with 409 someone who is already a member', async () => {
    const m = await manager();
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    const colleague = await makeEmployee(t.ctx);
    await addMember(t, m.workspaceId, colleague.id, 'member');
    expect((await invite(t, m.caller, m.workspaceId, { email: guest.email, role: 'viewer' })).statusCode).toBe(409);
    expect((await invite(t, m.caller, m.workspaceId, { email: colleague.email, role: 'manager' })).statusCode).toBe(409);
    expect((await invite(t, m.caller, m.workspaceId, { email: m.email, role: 'member' })).statusCode).toBe(409);
  });

  it('refuses with 409 a second invitation while one is open, and invites again once it is revoked', async () => {
    const m = await manager();
    const email = newEmail();
    const first = await sendInvitation(t, m.caller, m.workspaceId, { email, role: 'guest' });
    const again = await invite(t, m.caller, m.workspaceId, { email: email.toUpperCase(), role: 'viewer' });
    expect(again.statusCode).toBe(409);
    expect((await changeInvitation(t, m.caller, m.workspaceId, first.id, 'revoke')).statusCode).toBe(200);
    expect((await invite(t, m.caller, m.workspaceId, { email, role: 'guest' })).statusCode).toBe(201);
  });

  it('refuses an employee invited as a guest (400 /role) and an outsider invited as a member (400 /email)', async () => {
    const m = await manager();
    const colleague = await makeEmployee(t.ctx);
    const existingGuest = await makeGuest(t.ctx);
    for (const role of ['guest', 'viewer'] as const) {
      const response = await invite(t, m.caller, m.workspaceId, { email: colleague.email, role });
      expect(response.statusCode).toBe(400);
      expect(errorPaths(response)).toEqual(['/role']);
    }
    for (const email of [newEmail(), existingGuest.email]) {
      for (const role of ['member', 'manager'] as const) {
        const response = await invite(t, m.caller, m.workspaceId, { email, role });
        expect(response.statusCode).toBe(400);
        expect(errorPaths(response)).toEqual(['/email']);
      }
    }
    expect(await invitationsOf(m.caller, m.workspaceId)).toEqual([]);
  });
});

// A few rounds each: whether the requests all check before any writes varies from run to run.
describe('invitations sent at the same moment', () => {
  it('keep one open invitation per person: of a burst to one address, one is sent and the rest answer 409', async () => {
    const m = await manager();
    for (let round = 0; round < 4; round++) {
      const email = newEmail();
      const answers = await Promise.all(Array.from({ length: 8 }, () => invite(t, m.caller, m.workspaceId, { email, role: 'guest' })));
      expect(answers.map((a) => a.statusCode).sort(), `round ${round}`).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect((await invitationsOf(m.caller, m.workspaceId)).filter((i) => i.email === email)).toHaveLength(1);
    }
  });

  it('stay within the inviter’s quota', async () => {
    await setPolicy(t, admin, { inviterQuota: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const m = await manager();
        const answers = await Promise.all(
          Array.from({ length: 8 }, () => invite(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' })),
        );
        expect(answers.map((a) => a.statusCode).sort(), `round ${round}`).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
        expect(await invitationsOf(m.caller, m.workspaceId)).toHaveLength(1);
      }
    } finally {
      await setPolicy(t, admin, { inviterQuota: 0 });
    }
  });
});

describe('who may invite', () => {
  it('lets members and guests invite only where allowed: employees 403, guests only where the workspace lets them', async () => {
    const m = await manager();
    const member = await makeEmployee(t.ctx);
    await addMember(t, m.workspaceId, member.id, 'member');
    const memberCaller = await signedIn(t, member);
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    const viewer = await inviteAndAccept(t, m.caller, m.workspaceId, { role: 'viewer' });

    expect((await invite(t, memberCaller, m.workspaceId, { email: newEmail(), role: 'guest' })).statusCode).toBe(403);
    expect((await invite(t, guest.caller, m.workspaceId, { email: newEmail(), role: 'guest' })).statusCode).toBe(403);

    const patched = await call(t.app, 'PATCH', `/api/v1/workspaces/${m.workspaceId}`, { guestSettings: { invite: true } }, m.caller);
    expect(patched.statusCode).toBe(200);
    const byGuest = await invite(t, guest.caller, m.workspaceId, { email: newEmail(), role: 'guest' });
    expect(byGuest.statusCode, byGuest.body).toBe(201);
    expect((await invite(t, viewer.caller, m.workspaceId, { email: newEmail(), role: 'guest' })).statusCode).toBe(403);
    expect((await invite(t, guest.caller, m.workspaceId, { email: member.email, role: 'member' })).statusCode).toBe(403);

    // A guest sees the invitations they sent, and only those.
    await sendInvitation(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' });
    const own = await invitationsOf(guest.caller, m.workspaceId);
    expect(own.map((i) => i.id)).toEqual([byGuest.json().id]);
  });
});

describe('an accepted invitation', () => {
  it('is shown as accepted, without a link to copy, and its guest cannot be invited again while a member', async () => {
    const m = await manager();
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    const [invitation] = await invitationsOf(m.caller, m.workspaceId);
    expect(invitation).toMatchObject({ email: guest.email, status: 'accepted' });
    expect((await invite(t, m.caller, m.workspaceId, { email: guest.email, role: 'guest' })).statusCode).toBe(409);
    const url = (await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}/invitations`, undefined, m.caller)).json().items[0]
      .acceptUrl;
    expect(url).toBeUndefined();
  });
});
