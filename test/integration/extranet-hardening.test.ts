import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMembershipExpiry } from '../../src/server/jobs/membership-expiry.job.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  accept,
  addMember,
  adminCaller,
  auditOf,
  createWorkspace,
  enableExtranet,
  errorPaths,
  GUEST_PASSWORD,
  inFuture,
  inPast,
  invite,
  inviteAndAccept,
  managerWithWorkspace,
  sendInvitation,
  setPolicy,
  signedIn,
  tokenOf,
  unique,
} from '../support/workspaces.js';

// The ways back in and the oracles a careful attacker would try, each closed.

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

const manager = (guestSettings: { invite?: boolean; seeMembers?: boolean } = {}) => managerWithWorkspace(t, { guestSettings });

const patchUser = (id: string, body: unknown) => call(t.app, 'PATCH', `/api/v1/users/${id}`, body, admin);

describe('suspended guests and invitations', () => {
  it('never lets an invitation undo an administrator’s suspension', async () => {
    const m = await manager();
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    const second = await createWorkspace(t, m.caller);
    const pending = await sendInvitation(t, m.caller, second.id, { email: guest.email, role: 'guest' });
    expect((await patchUser(guest.id, { status: 'suspended' })).statusCode).toBe(200);

    const response = await accept(t, tokenOf(pending.acceptUrl), { password: GUEST_PASSWORD });
    expect(response.statusCode).toBe(409);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: guest.email, password: GUEST_PASSWORD })).statusCode).toBe(401);
  });

  it('lets a guest suspended because their last workspace ended come back with their password, counting wrong guesses', async () => {
    const m = await manager();
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    expect((await call(t.app, 'DELETE', `/api/v1/workspaces/${m.workspaceId}/members/${guest.id}`, undefined, m.caller)).statusCode).toBe(
      204,
    );
    const again = await sendInvitation(t, m.caller, m.workspaceId, { email: guest.email, role: 'guest' });
    const token = tokenOf(again.acceptUrl);

    const address = '10.99.0.1';
    for (let i = 0; i < 10; i++)
      expect((await accept(t, token, { password: 'not the password at all' }, {}, address)).statusCode).toBe(400);
    // Ten wrong guesses lock the link, whoever tries next.
    expect((await accept(t, token, { password: GUEST_PASSWORD }, {}, address)).statusCode).toBe(429);
    expect((await accept(t, token, { password: GUEST_PASSWORD }, {}, '10.99.0.2')).statusCode).toBe(429);
    expect((await auditOf(t, 'invitation.accept_failed', again.id)).length).toBe(10);

    // A new link, from elsewhere: the account's own count still has room, and the guest is back.
    const revoke = await call(t.app, 'POST', `/api/v1/workspaces/${m.workspaceId}/invitations/${again.id}/revoke`, undefined, m.caller);
    expect(revoke.statusCode).toBe(200);
    const fresh = await sendInvitation(t, m.caller, m.workspaceId, { email: guest.email, role: 'guest' });
    expect((await accept(t, tokenOf(fresh.acceptUrl), { password: GUEST_PASSWORD }, {}, '10.99.0.3')).statusCode).toBe(200);
  });
});

describe('a link outlives no inviter', () => {
  it('stops working when the employee who sent it leaves the workspace', async () => {
    const m = await manager();
    const colleague = await makeEmployee(t.ctx, { name: unique('Colleague '), email: `${unique('colleague-')}@company.example` });
    await addMember(t, m.workspaceId, colleague.id, 'manager');
    const colleagueCaller = await signedIn(t, colleague);
    const sent = await sendInvitation(t, colleagueCaller, m.workspaceId, { email: `${unique('vendor-')}@partner.example`, role: 'guest' });
    expect(
      (await call(t.app, 'DELETE', `/api/v1/workspaces/${m.workspaceId}/members/${colleague.id}`, undefined, m.caller)).statusCode,
    ).toBe(204);
    expect((await accept(t, tokenOf(sent.acceptUrl), { name: 'Vendor', password: GUEST_PASSWORD })).statusCode).toBe(404);
  });
});

describe('invitations sent by guests', () => {
  async function invitingGuest(expiresAt?: string) {
    const m = await manager({ invite: true });
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    if (expiresAt) {
      const change = await call(t.app, 'PATCH', `/api/v1/workspaces/${m.workspaceId}/members/${guest.id}`, { expiresAt }, m.caller);
      expect(change.statusCode).toBe(200);
    }
    return { m, guest };
  }

  it('stop working when the guest may no longer invite', async () => {
    const { m, guest } = await invitingGuest();
    const sent = await sendInvitation(t, guest.caller, m.workspaceId, { email: `${unique('friend-')}@partner.example`, role: 'guest' });
    const patched = await call(t.app, 'PATCH', `/api/v1/workspaces/${m.workspaceId}`, { guestSettings: { invite: false } }, m.caller);
    expect(patched.statusCode).toBe(200);
    expect((await accept(t, tokenOf(sent.acceptUrl), { name: 'Friend', password: GUEST_PASSWORD })).statusCode).toBe(404);
  });

  it('give no longer access than the inviting guest holds', async () => {
    const ends = inFuture(3);
    const { m, guest } = await invitingGuest(ends);
    const sent = await sendInvitation(t, guest.caller, m.workspaceId, { email: `${unique('friend-')}@partner.example`, role: 'guest' });
    expect(sent.expiresAt).toBe(ends);
  });

  it('cannot choose the newcomer’s organization', async () => {
    const { m, guest } = await invitingGuest();
    const response = await invite(t, guest.caller, m.workspaceId, {
      email: `${unique('friend-')}@partner.example`,
      role: 'guest',
      externalOrganizationId: '01a20000-0000-7000-8000-000000000000',
    });
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['/externalOrganizationId']);
  });

  it('answer a guest the same way whoever the address belongs to', async () => {
    const { m, guest } = await invitingGuest();
    const hidden = await inviteAndAccept(t, m.caller, m.workspaceId);
    const employee = await invite(t, guest.caller, m.workspaceId, { email: m.email, role: 'guest' });
    const member = await invite(t, guest.caller, m.workspaceId, { email: hidden.email, role: 'guest' });
    expect(employee.statusCode).toBe(409);
    expect(member.statusCode).toBe(409);
    expect(employee.body).toBe(member.body);
  });
});

describe('lifecycle edges', () => {
  it('keeps an end date off the last manager', async () => {
    const m = await manager();
    const response = await call(
      t.app,
      'PATCH',
      `/api/v1/workspaces/${m.workspaceId}/members/${m.id}`,
      { expiresAt: inFuture(5) },
      m.caller,
    );
    expect(response.statusCode).toBe(409);
  });

  it('refuses a link whose access period has already ended', async () => {
    const m = await manager();
    const sent = await sendInvitation(t, m.caller, m.workspaceId, { email: `${unique('late-')}@partner.example`, role: 'guest' });
    await t.ctx.db
      .updateTable('invitations')
      .set({ access_ends_at: inPast(5) })
      .where('id', '=', sent.id)
      .execute();
    expect((await accept(t, tokenOf(sent.acceptUrl), { name: 'Late', password: GUEST_PASSWORD })).statusCode).toBe(404);
  });

  it('reopening an expired invitation counts against the inviter’s quota again', async () => {
    const m = await manager();
    await setPolicy(t, admin, { inviterQuota: 1 });
    try {
      const first = await sendInvitation(t, m.caller, m.workspaceId, { email: `${unique('one-')}@partner.example`, role: 'guest' });
      await t.ctx.db
        .updateTable('invitations')
        .set({ link_expires_at: inPast(1) })
        .where('id', '=', first.id)
        .execute();
      await sendInvitation(t, m.caller, m.workspaceId, { email: `${unique('two-')}@partner.example`, role: 'guest' });
      const resend = await call(t.app, 'POST', `/api/v1/workspaces/${m.workspaceId}/invitations/${first.id}/resend`, undefined, m.caller);
      expect(resend.statusCode).toBe(409);
    } finally {
      await setPolicy(t, admin, { inviterQuota: 0 });
    }
  });

  it('restoring a workspace that is not archived is a conflict', async () => {
    const m = await manager();
    expect((await call(t.app, 'POST', `/api/v1/workspaces/${m.workspaceId}/restore`, undefined, m.caller)).statusCode).toBe(409);
  });
});

describe('what the extranet switch and the catalog reveal', () => {
  it('offers no link to copy or resend while the extranet is closed', async () => {
    const m = await manager();
    await sendInvitation(t, m.caller, m.workspaceId, { email: `${unique('closed-')}@partner.example`, role: 'guest' });
    await setPolicy(t, admin, { extranetEnabled: false });
    try {
      const [item] = (await call(t.app, 'GET', `/api/v1/workspaces/${m.workspaceId}/invitations`, undefined, m.caller)).json().items;
      expect(item.abilities).not.toContain('resend');
      expect(item.abilities).not.toContain('copy_link');
      expect(item.acceptUrl).toBeUndefined();
    } finally {
      await setPolicy(t, admin, { extranetEnabled: true });
    }
  });

  it('counts workspaces per topic only for those who see every workspace', async () => {
    const created = await call(t.app, 'POST', '/api/v1/topics', { name: unique('Topic ') }, admin);
    const m = await manager();
    await call(t.app, 'POST', '/api/v1/workspaces', { name: unique('Filed '), topicId: created.json().id }, admin);
    const mine = (await call(t.app, 'GET', '/api/v1/topics', undefined, m.caller)).json().items;
    const theirs = (await call(t.app, 'GET', '/api/v1/topics', undefined, admin)).json().items;
    expect(mine.find((x: { id: string }) => x.id === created.json().id).workspaceCount).toBeUndefined();
    expect(theirs.find((x: { id: string }) => x.id === created.json().id).workspaceCount).toBe(1);
  });
});

describe('what guests learn about people', () => {
  it('shows colleagues by name and kind, without role, status or sign-in times', async () => {
    const m = await manager({ seeMembers: true });
    const guest = await inviteAndAccept(t, m.caller, m.workspaceId);
    const people = (await call(t.app, 'GET', '/api/v1/users', undefined, guest.caller)).json().items;
    const seen = people.find((p: { id: string }) => p.id === m.id);
    expect(seen.name).toBe(m.name);
    for (const field of ['role', 'status', 'createdAt', 'lastSignInAt']) expect(seen).not.toHaveProperty(field);
    const self = people.find((p: { id: string }) => p.id === guest.id);
    expect(self).toHaveProperty('status', 'active');
  });
});

describe('bad input', () => {
  it('refuses a NUL character with a 400 naming the field, on both engines', async () => {
    const m = await manager();
    const body = await call(t.app, 'POST', '/api/v1/workspaces', { name: 'a\u0000b' }, m.caller);
    expect(body.statusCode).toBe(400);
    expect(errorPaths(body)).toEqual(['/name']);
    const query = await call(t.app, 'GET', '/api/v1/workspaces?q=%00', undefined, m.caller);
    expect(query.statusCode).toBe(400);
    expect(errorPaths(query)).toEqual(['/querystring/q']);
  });
});

describe('the lifecycle job when mail fails', () => {
  it('still ends access, and the queue tries the reminder e-mail again later', async () => {
    const broken = await startTestApp({ FOYER_SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const sponsor = await makeEmployee(broken.ctx);
      const manager = await signedIn(broken, sponsor);
      await broken.ctx.db.insertInto('settings').values({ key: 'extranetEnabled', value: 'true' }).execute();
      const workspace = await createWorkspace(broken, manager);
      const soon = await makeEmployee(broken.ctx);
      const gone = await makeEmployee(broken.ctx);
      await addMember(broken, workspace.id, soon.id, 'member', { sponsorId: sponsor.id, expiresAt: inFuture(2) });
      await addMember(broken, workspace.id, gone.id, 'member', { sponsorId: sponsor.id, expiresAt: inPast(1) });
      await broken.ctx.db.updateTable('users').set({ kind: 'guest' }).where('id', 'in', [soon.id, gone.id]).execute();

      const run = await runMembershipExpiry(broken.ctx);
      expect(run.expired).toBe(1);
      // The reminder is an event now; its e-mails are jobs, which wait and retry while mail is down.
      expect(run.reminded).toBe(1);
      await drainEvents(broken.ctx);
      const jobs = await broken.ctx.db
        .selectFrom('jobs')
        .select(['state', 'attempts', 'run_at'])
        .where('kind', '=', 'notification.email')
        .execute();
      expect(jobs.length).toBeGreaterThanOrEqual(1);
      for (const job of jobs) {
        expect(job).toMatchObject({ state: 'queued', attempts: 1 });
        expect(Date.parse(job.run_at)).toBeGreaterThan(Date.now());
      }
    } finally {
      await broken.close();
    }
  });
});
