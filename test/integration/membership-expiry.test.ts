import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/server/context.js';
import { runMembershipExpiry } from '../../src/server/jobs/membership-expiry.job.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee, makeGuest } from '../support/factories.js';
import { call, signIn } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { sentTo } from '../support/workspaces.js';

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

let t: TestApp;
let smtp: SmtpReceiver;
let sponsor: Awaited<ReturnType<typeof makeEmployee>>;
let sponsorCookie: string;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  t = await startTestApp({ FOYER_SMTP_URL: smtp.url });
  await t.ctx.db.insertInto('settings').values({ key: 'extranetEnabled', value: 'true' }).execute();
  sponsor = await makeEmployee(t.ctx, { name: 'Sponsor Sam' });
  sponsorCookie = await signIn(t.app, sponsor.email, sponsor.password);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function workspace(name: string): Promise<string> {
  const response = await call(t.app, 'POST', '/api/v1/workspaces', { name }, { cookie: sponsorCookie });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function addGuest(ctx: AppContext, workspaceId: string, guestId: string, expiresAt: string | null) {
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('memberships')
    .values({
      workspace_id: workspaceId,
      user_id: guestId,
      role: 'guest',
      status: 'active',
      sponsor_id: sponsor.id,
      expires_at: expiresAt,
      reminder_sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

const statusOf = async (userId: string) =>
  (await t.ctx.db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow()).status;

describe('the membership lifecycle job', () => {
  it('e-mails the sponsor and the guest once, a week before a guest access ends', async () => {
    const id = await workspace('Press line 3 — service contract');
    const guest = await makeGuest(t.ctx, { name: 'Tina Technician' });
    await addGuest(t.ctx, id, guest.id, inDays(3));
    const day = (
      await t.ctx.db.selectFrom('memberships').select('expires_at').where('user_id', '=', guest.id).executeTakeFirstOrThrow()
    ).expires_at?.slice(0, 10);

    const first = await runMembershipExpiry(t.ctx);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    await drainEvents(t.ctx);
    const mail = await smtp.waitFor((m) => sentTo(sponsor.email)(m) && m.subject?.includes('Press line 3') === true);
    expect(mail.subject).toBe(`Guest access ends on ${day}: Press line 3 — service contract`);
    expect(mail.text).toContain(`Tina Technician's access to the workspace "Press line 3 — service contract" ends on ${day} (UTC).`);
    expect(mail.text).toContain('give a later end date in its member list');
    expect(mail.html).toContain('Press line 3 — service contract');
    // The guest hears of it too, in their own words and without the sponsor's advice.
    const own = await smtp.waitFor((m) => sentTo(guest.email)(m) && m.subject?.includes('Press line 3') === true);
    expect(own.subject).toBe(`Your access ends on ${day}: Press line 3 — service contract`);
    expect(own.text).toContain(`Your access to the workspace "Press line 3 — service contract" ends on ${day} (UTC).`);
    expect(own.text).not.toContain('member list');

    const before = smtp.messages.length;
    expect((await runMembershipExpiry(t.ctx)).reminded).toBe(0);
    await drainEvents(t.ctx);
    expect(smtp.messages.length).toBe(before);
    const events = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'workspace_id', 'details'])
      .where('action', '=', 'member.ending_soon')
      .where('target_id', '=', guest.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: null, workspace_id: id });
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ sponsorId: sponsor.id });
  });

  it('tells nobody about a suspended guest, and respects a sponsor who chose never', async () => {
    const id = await workspace('Quiet contract');
    const suspended = await makeGuest(t.ctx);
    await addGuest(t.ctx, id, suspended.id, inDays(2));
    await t.ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
    await runMembershipExpiry(t.ctx);
    await drainEvents(t.ctx);
    expect(smtp.messages.filter((m) => m.text?.includes(suspended.name) === true)).toEqual([]);

    const put = await call(
      t.app,
      'PUT',
      '/api/v1/me/notification-preferences',
      { preferences: [{ kind: 'membership_ending', delivery: 'never' }] },
      { cookie: sponsorCookie },
    );
    expect(put.statusCode, put.body).toBe(200);
    try {
      const guest = await makeGuest(t.ctx);
      await addGuest(t.ctx, id, guest.id, inDays(2));
      await runMembershipExpiry(t.ctx);
      await drainEvents(t.ctx);
      // The guest is told; the sponsor, who asked for no such e-mails, is not.
      await smtp.waitFor((m) => sentTo(guest.email)(m) && m.subject?.includes('Quiet contract') === true);
      expect(smtp.messages.filter((m) => sentTo(sponsor.email)(m) && m.text?.includes(guest.name) === true)).toEqual([]);
    } finally {
      const reset = await call(
        t.app,
        'PUT',
        '/api/v1/me/notification-preferences',
        { preferences: [{ kind: 'membership_ending', delivery: 'immediate' }] },
        { cookie: sponsorCookie },
      );
      expect(reset.statusCode).toBe(200);
    }
  });

  it('does not remind about end dates more than a week away', async () => {
    const id = await workspace('Far away');
    const guest = await makeGuest(t.ctx);
    await addGuest(t.ctx, id, guest.id, inDays(30));
    await runMembershipExpiry(t.ctx);
    const row = await t.ctx.db
      .selectFrom('memberships')
      .select('reminder_sent_at')
      .where('user_id', '=', guest.id)
      .executeTakeFirstOrThrow();
    expect(row.reminder_sent_at).toBeNull();
  });

  it('marks ended memberships expired and suspends a guest left without a workspace', async () => {
    const id = await workspace('Ended contract');
    const guest = await makeGuest(t.ctx);
    await addGuest(t.ctx, id, guest.id, inDays(-1));
    const cookie = await signIn(t.app, guest.email, guest.password);
    // Access ended at the date already, before any job ran.
    expect((await call(t.app, 'GET', `/api/v1/workspaces/${id}`, undefined, { cookie })).statusCode).toBe(404);

    const run = await runMembershipExpiry(t.ctx);
    expect(run.expired).toBeGreaterThanOrEqual(1);
    const membership = await t.ctx.db.selectFrom('memberships').select('status').where('user_id', '=', guest.id).executeTakeFirstOrThrow();
    expect(membership.status).toBe('expired');
    expect(await statusOf(guest.id)).toBe('suspended');
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(401);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'workspace_id']).where('target_id', '=', guest.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['member.expired', 'guest.suspended_without_workspace']));
    expect(audit.find((a) => a.action === 'member.expired')?.workspace_id).toBe(id);
  });

  it('keeps a guest who still has another workspace', async () => {
    const ended = await workspace('Ended');
    const ongoing = await workspace('Ongoing');
    const guest = await makeGuest(t.ctx);
    await addGuest(t.ctx, ended, guest.id, inDays(-1));
    await addGuest(t.ctx, ongoing, guest.id, null);
    await runMembershipExpiry(t.ctx);
    expect(await statusOf(guest.id)).toBe('active');
  });

  it('leaves the account active when the policy says not to suspend', async () => {
    await t.ctx.db.insertInto('settings').values({ key: 'suspendGuestsWithoutWorkspace', value: 'false' }).execute();
    try {
      const id = await workspace('No suspension');
      const guest = await makeGuest(t.ctx);
      await addGuest(t.ctx, id, guest.id, inDays(-1));
      await runMembershipExpiry(t.ctx);
      expect(await statusOf(guest.id)).toBe('active');
    } finally {
      await t.ctx.db.deleteFrom('settings').where('key', '=', 'suspendGuestsWithoutWorkspace').execute();
    }
  });
});
