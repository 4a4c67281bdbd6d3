import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationToken } from '../../src/server/modules/invitations/invitation-links.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  accept,
  adminCaller,
  auditOf,
  changeInvitation,
  createWorkspace,
  enableExtranet,
  errorPaths,
  GUEST_PASSWORD,
  type Invitation,
  LINK,
  preview,
  sendInvitation,
  sentTo,
  setPolicy,
  signedIn,
  tokenOf,
  unique,
} from '../support/workspaces.js';

// What happens to an invitation after it is created: approval, rejection, resending, revoking and
// expiry, as the invitee (e-mail, link) and the people who manage it (lists, queue) notice.

let t: TestApp;
let smtp: SmtpReceiver;
let admin: Caller & { id: string };
let extranetAdmin: Caller & { id: string };
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  t = await startTestApp({ FOYER_SMTP_URL: smtp.url });
  admin = await adminCaller(t);
  const ea = await makeEmployee(t.ctx, { role: 'extranet_admin' });
  extranetAdmin = { id: ea.id, ...(await signedIn(t, ea)) };
  await enableExtranet(t, admin);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function manager() {
  const user = await makeEmployee(t.ctx, { name: unique('Manager '), email: `${unique('manager-')}@company.example` });
  const caller = await signedIn(t, user);
  const workspace = await createWorkspace(t, caller);
  return { ...user, caller, workspaceId: workspace.id };
}

const newEmail = () => `${unique('invitee-')}@partner.example`;
const mailsTo = (email: string) => smtp.messages.filter(sentTo(email));
const linkIn = (mail: ParsedMail) => LINK.exec(mail.text ?? '')?.[0];

async function listed(caller: Caller, workspaceId: string, id: string): Promise<Invitation> {
  const items = (await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}/invitations`, undefined, caller)).json().items;
  return items.find((i: Invitation) => i.id === id);
}

/** Mail is sent after the answer: once a later e-mail has arrived, an earlier one would have too. */
async function mailBarrier(): Promise<void> {
  const email = newEmail();
  const m = await manager();
  await sendInvitation(t, admin, m.workspaceId, { email, role: 'guest' });
  await smtp.waitFor(sentTo(email));
}

describe('invitations waiting for approval', () => {
  it('waits without e-mail or link, shows in the queue of extranet administrators, and is sent once approved', async () => {
    await setPolicy(t, admin, { invitationApproval: true });
    try {
      const m = await manager();
      const email = newEmail();
      const waiting = await sendInvitation(t, m.caller, m.workspaceId, { email, role: 'guest', message: 'Welcome aboard' });
      expect(waiting).toMatchObject({ status: 'awaiting_approval', sentAt: null, linkExpiresAt: null });
      expect(waiting.acceptUrl).toBeUndefined();
      expect(await auditOf(t, 'invitation.created', waiting.id)).toEqual([
        expect.objectContaining({ actor_id: m.id, workspace_id: m.workspaceId, ip: '127.0.0.1' }),
      ]);
      // The link it will have does not work yet.
      expect((await preview(t, invitationToken(t.ctx, waiting.id))).statusCode).toBe(404);

      const queueUrl = '/api/v1/invitations?status=awaiting_approval';
      expect((await call(t.app, 'GET', queueUrl, undefined, m.caller)).statusCode).toBe(403);
      for (const governor of [extranetAdmin, admin]) {
        const queue = await call(t.app, 'GET', queueUrl, undefined, governor);
        expect(queue.statusCode).toBe(200);
        const item = queue.json().items.find((i: Invitation) => i.id === waiting.id);
        expect(item).toMatchObject({
          email,
          status: 'awaiting_approval',
          inviter: { id: m.id, name: m.name },
          workspace: { id: m.workspaceId },
        });
        expect(item.abilities).toEqual(expect.arrayContaining(['approve', 'reject']));
      }
      // The manager may not approve their own request.
      expect((await changeInvitation(t, m.caller, m.workspaceId, waiting.id, 'approve')).statusCode).toBe(403);

      const approved = await changeInvitation(t, extranetAdmin, m.workspaceId, waiting.id, 'approve');
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'sent', sentAt: expect.any(String), linkExpiresAt: expect.any(String) });
      const mail = await smtp.waitFor(sentTo(email));
      expect(mailsTo(email)).toHaveLength(1);
      expect(mail.text).toContain('Welcome aboard');
      const url = (await listed(m.caller, m.workspaceId, waiting.id)).acceptUrl;
      expect(linkIn(mail)).toBe(url);
      expect((await preview(t, tokenOf(url))).statusCode).toBe(200);
      expect((await call(t.app, 'GET', queueUrl, undefined, extranetAdmin)).json().items.map((i: Invitation) => i.id)).not.toContain(
        waiting.id,
      );
      expect(await auditOf(t, 'invitation.approved', waiting.id)).toEqual([
        expect.objectContaining({ actor_id: extranetAdmin.id, workspace_id: m.workspaceId }),
      ]);
    } finally {
      await setPolicy(t, admin, { invitationApproval: false });
    }
  });

  it('sends invitations of those who approve at once, and employees’ invitations as members at once', async () => {
    await setPolicy(t, admin, { invitationApproval: true });
    try {
      const m = await manager();
      const byGovernor = await sendInvitation(t, extranetAdmin, m.workspaceId, { email: newEmail(), role: 'guest' });
      expect(byGovernor.status).toBe('sent');
      const colleague = await makeEmployee(t.ctx);
      const asMember = await sendInvitation(t, m.caller, m.workspaceId, { email: colleague.email, role: 'member' });
      expect(asMember.status).toBe('sent');
    } finally {
      await setPolicy(t, admin, { invitationApproval: false });
    }
  });

  it('is rejected with a reason the manager can read; it is never sent and its link never works', async () => {
    await setPolicy(t, admin, { invitationApproval: true });
    try {
      const m = await manager();
      const email = newEmail();
      const waiting = await sendInvitation(t, m.caller, m.workspaceId, { email, role: 'viewer' });

      const empty = await changeInvitation(t, extranetAdmin, m.workspaceId, waiting.id, 'reject', { reason: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(errorPaths(empty)).toEqual(['/reason']);
      expect((await changeInvitation(t, m.caller, m.workspaceId, waiting.id, 'reject', { reason: 'no' })).statusCode).toBe(403);

      const rejected = await changeInvitation(t, extranetAdmin, m.workspaceId, waiting.id, 'reject', { reason: 'Use the supplier portal' });
      expect(rejected.statusCode).toBe(200);
      expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'Use the supplier portal' });
      expect(await listed(m.caller, m.workspaceId, waiting.id)).toMatchObject({
        status: 'rejected',
        rejectionReason: 'Use the supplier portal',
      });
      expect((await changeInvitation(t, extranetAdmin, m.workspaceId, waiting.id, 'approve')).statusCode).toBeGreaterThanOrEqual(400);

      const token = invitationToken(t.ctx, waiting.id);
      expect((await preview(t, token)).statusCode).toBe(404);
      expect((await accept(t, token, { name: 'Rejected Person', password: GUEST_PASSWORD })).statusCode).toBe(404);
      await mailBarrier();
      expect(mailsTo(email)).toEqual([]);
      const audit = await auditOf(t, 'invitation.rejected', waiting.id);
      expect(audit).toEqual([expect.objectContaining({ actor_id: extranetAdmin.id, workspace_id: m.workspaceId })]);
      expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ reason: 'Use the supplier portal' });
    } finally {
      await setPolicy(t, admin, { invitationApproval: false });
    }
  });
});

describe('resending', () => {
  it('sends the same link again and renews its validity, even after it expired', async () => {
    const m = await manager();
    const email = newEmail();
    const sent = await sendInvitation(t, m.caller, m.workspaceId, { email, role: 'guest' });
    const firstMail = await smtp.waitFor(sentTo(email));
    expect(linkIn(firstMail)).toBe(sent.acceptUrl);

    // The link runs out.
    await t.ctx.db
      .updateTable('invitations')
      .set({ link_expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', sent.id)
      .execute();
    const expired = await listed(m.caller, m.workspaceId, sent.id);
    expect(expired.status).toBe('expired');
    expect(expired.acceptUrl).toBeUndefined();
    expect((await preview(t, tokenOf(sent.acceptUrl))).statusCode).toBe(404);

    const resent = await changeInvitation(t, m.caller, m.workspaceId, sent.id, 'resend');
    expect(resent.statusCode).toBe(200);
    expect(resent.json().status).toBe('sent');
    expect(resent.json().acceptUrl).toBe(sent.acceptUrl);
    expect(Date.parse(resent.json().linkExpiresAt)).toBeGreaterThan(Date.now() + 13 * 24 * 60 * 60 * 1000);

    await smtp.waitFor((mail) => sentTo(email)(mail) && mail !== firstMail);
    expect(mailsTo(email).map(linkIn)).toEqual([sent.acceptUrl, sent.acceptUrl]);
    const opened = await preview(t, tokenOf(sent.acceptUrl));
    expect(opened.statusCode).toBe(200);
    expect(opened.json().email).toBe(email);
    expect((await accept(t, tokenOf(sent.acceptUrl), { name: 'Resent Guest', password: GUEST_PASSWORD })).statusCode).toBe(200);
    expect(await auditOf(t, 'invitation.resent', sent.id)).toEqual([
      expect.objectContaining({ actor_id: m.id, workspace_id: m.workspaceId }),
    ]);
  });
});

describe('revoking', () => {
  it('kills the link at once: preview and acceptance answer 404 like an unknown link', async () => {
    const m = await manager();
    const sent = await sendInvitation(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' });
    const token = tokenOf(sent.acceptUrl);
    expect((await preview(t, token)).statusCode).toBe(200);

    const revoked = await changeInvitation(t, m.caller, m.workspaceId, sent.id, 'revoke');
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect(revoked.json().acceptUrl).toBeUndefined();

    const unknown = await preview(t, 'an-unknown-token-of-some-length-000000000000');
    const afterRevoke = await preview(t, token);
    expect(afterRevoke.statusCode).toBe(404);
    expect(afterRevoke.body).toBe(unknown.body);
    expect((await accept(t, token, { name: 'Too Late', password: GUEST_PASSWORD })).statusCode).toBe(404);
    expect((await changeInvitation(t, m.caller, m.workspaceId, sent.id, 'resend')).statusCode).toBeGreaterThanOrEqual(400);
    expect((await preview(t, token)).statusCode).toBe(404);
    expect(await auditOf(t, 'invitation.revoked', sent.id)).toEqual([
      expect.objectContaining({ actor_id: m.id, workspace_id: m.workspaceId }),
    ]);
  });
});

describe('expiry', () => {
  it('shows a link past its validity as "expired" and answers it with 404', async () => {
    await setPolicy(t, admin, { invitationValidityDays: 1 });
    try {
      const m = await manager();
      const sent = await sendInvitation(t, m.caller, m.workspaceId, { email: newEmail(), role: 'guest' });
      expect(Date.parse(sent.linkExpiresAt ?? '')).toBeLessThanOrEqual(Date.now() + 24 * 60 * 60 * 1000);
      await t.ctx.db
        .updateTable('invitations')
        .set({ link_expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', sent.id)
        .execute();

      expect((await listed(m.caller, m.workspaceId, sent.id)).status).toBe('expired');
      const token = tokenOf(sent.acceptUrl);
      expect((await preview(t, token)).statusCode).toBe(404);
      expect((await accept(t, token, { name: 'Late Guest', password: GUEST_PASSWORD })).statusCode).toBe(404);
      // An expired invitation is no longer open: the person can be invited again.
      expect((await sendInvitation(t, m.caller, m.workspaceId, { email: sent.email, role: 'guest' })).status).toBe('sent');
    } finally {
      await setPolicy(t, admin, { invitationValidityDays: 14 });
    }
  });
});
