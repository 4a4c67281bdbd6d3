import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/server/context.js';
import { newId } from '../../src/server/lib/ids.js';
import { DIGEST_LINES, digestKey, enqueueDigests } from '../../src/server/modules/notifications/digest.job.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  enableExtranet,
  inviteAndAccept,
  managerWithWorkspace,
  sentTo,
  signedIn,
  unique,
} from '../support/workspaces.js';

const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  // Hour 0: the day's digest is due at the first pass, whatever the time of the run.
  t = await startTestApp({ FOYER_SMTP_URL: smtp.url, FOYER_DIGEST_HOUR: '0' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const digestsTo = (email: string) =>
  smtp.messages.filter((m: ParsedMail) => sentTo(email)(m) && m.subject?.startsWith('Your daily digest') === true);
const withHour = (hour: number): AppContext => ({ ...t.ctx, config: { ...t.ctx.config, digestHour: hour } });

/** A member of a new workspace whose task assignments go to the digest, and that workspace's manager. */
async function digestReader() {
  const manager = await managerWithWorkspace(t);
  const user = await makeEmployee(t.ctx, { name: unique('Reader ') });
  await addMember(t, manager.workspaceId, user.id, 'member');
  const caller = await signedIn(t, user);
  const put = await call(
    t.app,
    'PUT',
    '/api/v1/me/notification-preferences',
    { preferences: [{ kind: 'task_assigned', delivery: 'digest' }] },
    caller,
  );
  expect(put.statusCode, put.body).toBe(200);
  return { ...user, caller, manager };
}

async function assign(manager: Caller, workspaceId: string, userId: string, title: string): Promise<string> {
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/tasks`, { title, assigneeIds: [userId] }, manager);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const emailStates = async (userId: string) =>
  (await t.ctx.db.selectFrom('notifications').select('email').where('user_id', '=', userId).execute()).map((r) => r.email).sort();

describe('the daily digest', () => {
  it('gathers the waiting notifications into one e-mail, newest first, and sends nothing more that day', async () => {
    const reader = await digestReader();
    const titles = [unique('First '), unique('Second '), unique('Third ')];
    const ids: string[] = [];
    for (const title of titles) {
      ids.push(await assign(reader.manager.caller, reader.manager.workspaceId, reader.id, title));
      // Distinct instants, so "newest first" has one answer.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await drainEvents(t.ctx);
    // Nothing at once: these wait for the digest.
    expect(smtp.messages.filter((m) => sentTo(reader.email)(m))).toEqual([]);
    expect(await emailStates(reader.id)).toEqual(['digest', 'digest', 'digest']);

    const now = new Date();
    expect(await enqueueDigests(t.ctx, now)).toBeGreaterThanOrEqual(1);
    await drainEvents(t.ctx);
    const mails = digestsTo(reader.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe('Your daily digest: 3 notifications');
    const text = mail?.text ?? '';
    const at = titles.map((title) => text.indexOf(`Task assigned to me: "${title}" (${reader.manager.workspaceName})`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at[2]).toBeLessThan(at[1] ?? 0);
    expect(at[1]).toBeLessThan(at[0] ?? 0);
    for (const id of ids) expect(mail?.html).toContain(`href="${TEST_ORIGIN}/workspaces/${reader.manager.workspaceId}/tasks/${id}"`);
    // A way out for each kind it lists, and for the digest itself (also as the one-click header).
    expect(text).toMatch(new RegExp(`Stop e-mails about "Task assigned to me": ${TEST_ORIGIN}/unsubscribe#token=[\\w-]+\\.[\\w-]{43}`));
    expect(text).toMatch(new RegExp(`Stop the daily digest: ${TEST_ORIGIN}/unsubscribe#token=[\\w-]+\\.[\\w-]{43}`));
    const list = mail?.headers.get('list') as { unsubscribe?: { url?: string } };
    expect(list.unsubscribe?.url).toMatch(/^http:\/\/foyer\.test\/api\/v1\/unsubscribe\?token=/);
    expect(await emailStates(reader.id)).toEqual(['sent', 'sent', 'sent']);

    // Later the same day: a new notification waits for tomorrow's digest; no second digest today.
    const fourth = unique('Fourth ');
    await assign(reader.manager.caller, reader.manager.workspaceId, reader.id, fourth);
    await drainEvents(t.ctx);
    expect(await enqueueDigests(t.ctx, now)).toBe(0);
    // Even a second enqueue of the same day (another node) adds nothing.
    const jobs = await t.ctx.db
      .selectFrom('jobs')
      .select('state')
      .where('key', '=', digestKey(reader.id, now.toISOString().slice(0, 10)))
      .execute();
    expect(jobs).toEqual([{ state: 'done' }]);
    await drainEvents(t.ctx);
    expect(digestsTo(reader.email)).toHaveLength(1);

    const tomorrow = new Date(now.getTime() + DAY);
    await enqueueDigests(t.ctx, tomorrow);
    await drainEvents(t.ctx, { now: tomorrow });
    const next = digestsTo(reader.email);
    expect(next).toHaveLength(2);
    expect(next[1]?.subject).toBe('Your daily digest: 1 notification');
    expect(next[1]?.text).toContain(fourth);
    expect(next[1]?.text).not.toContain(titles[0]);
  });

  it('leaves out what came from a workspace the person has left before the digest goes', async () => {
    const reader = await digestReader();
    const other = await managerWithWorkspace(t);
    await addMember(t, other.workspaceId, reader.id, 'member');
    const left = unique('Left behind ');
    const kept = unique('Still mine ');
    await assign(reader.manager.caller, reader.manager.workspaceId, reader.id, left);
    await assign(other.caller, other.workspaceId, reader.id, kept);
    await drainEvents(t.ctx);
    const removed = await call(
      t.app,
      'DELETE',
      `/api/v1/workspaces/${reader.manager.workspaceId}/members/${reader.id}`,
      undefined,
      reader.manager.caller,
    );
    expect(removed.statusCode, removed.body).toBe(204);

    await enqueueDigests(t.ctx, new Date());
    await drainEvents(t.ctx);
    const [mail, ...more] = digestsTo(reader.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Your daily digest: 1 notification');
    expect(mail?.text).toContain(kept);
    expect(mail?.text).not.toContain(left);
    expect(mail?.text).not.toContain(reader.manager.workspaceName);
    expect(await emailStates(reader.id)).toEqual(['none', 'sent']);
  });

  it("leaves out what is about an item that has turned internal, which a guest's e-mail never names", async () => {
    await enableExtranet(t, await adminCaller(t));
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const put = await call(
      t.app,
      'PUT',
      '/api/v1/me/notification-preferences',
      { preferences: [{ kind: 'task_assigned', delivery: 'digest' }] },
      guest.caller,
    );
    expect(put.statusCode, put.body).toBe(200);
    const turned = unique('Was shared ');
    const kept = unique('Still shared ');
    const turnedId = await assign(manager.caller, manager.workspaceId, guest.id, turned);
    await assign(manager.caller, manager.workspaceId, guest.id, kept);
    await drainEvents(t.ctx);
    const internal = await call(t.app, 'PATCH', `/api/v1/tasks/${turnedId}`, { visibility: 'internal', assigneeIds: [] }, manager.caller);
    expect(internal.statusCode, internal.body).toBe(200);

    await enqueueDigests(t.ctx, new Date());
    await drainEvents(t.ctx);
    const [mail, ...more] = digestsTo(guest.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Your daily digest: 1 notification');
    expect(mail?.text).toContain(kept);
    expect(mail?.text).not.toContain(turned);
    const states = await t.ctx.db.selectFrom('notifications').select(['title', 'email']).where('user_id', '=', guest.id).execute();
    expect(states.filter((n) => n.title === turned || n.title === kept).sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { title: turned, email: 'none' },
      { title: kept, email: 'sent' },
    ]);
  });

  it('waits for the digest hour (UTC)', async () => {
    const reader = await digestReader();
    await assign(reader.manager.caller, reader.manager.workspaceId, reader.id, unique('Early '));
    await drainEvents(t.ctx);
    const today = new Date();
    const at = (hour: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hour, 30));
    expect(await enqueueDigests(withHour(7), at(6))).toBe(0);
    expect(await enqueueDigests(withHour(7), at(7))).toBeGreaterThanOrEqual(1);
    const queued = await t.ctx.db
      .selectFrom('jobs')
      .select('run_at')
      .where('key', '=', digestKey(reader.id, at(7).toISOString().slice(0, 10)))
      .executeTakeFirstOrThrow();
    expect(queued.run_at).toBe(at(7).toISOString());
    await drainEvents(t.ctx, { now: new Date(Math.max(Date.now(), at(7).getTime())) });
    expect(digestsTo(reader.email)).toHaveLength(1);
  });

  it('lists at most 50 lines and counts the rest, and marks every one it counted as sent', async () => {
    const reader = await digestReader();
    // Notifications about a task the reader sees, written straight into the table.
    const task = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${reader.manager.workspaceId}/tasks`,
      { title: 'Bulk' },
      reader.manager.caller,
    );
    expect(task.statusCode, task.body).toBe(201);
    const stamp = Date.now() - 60 * 60_000;
    const rows = Array.from({ length: DIGEST_LINES + 3 }, (_, i) => ({
      id: newId(stamp + i),
      user_id: reader.id,
      event_seq: -1_000_000 - i,
      kind: 'task_assigned' as const,
      workspace_id: reader.manager.workspaceId,
      target_type: 'task',
      target_id: task.json().id as string,
      actor_id: null,
      title: `Bulk ${String(i).padStart(2, '0')}`,
      details: '{"action":"task.created"}',
      created_at: new Date(stamp + i * 1000).toISOString(),
      read_at: null,
      email: 'digest' as const,
    }));
    await t.ctx.db.insertInto('notifications').values(rows).execute();
    await enqueueDigests(t.ctx);
    await drainEvents(t.ctx);
    const [mail] = digestsTo(reader.email);
    expect(mail?.subject).toBe(`Your daily digest: ${DIGEST_LINES + 3} notifications`);
    // Newest first: the three oldest are the ones counted, not listed.
    expect(mail?.text).toContain('"Bulk 52"');
    expect(mail?.text).toContain('"Bulk 03"');
    expect(mail?.text).not.toContain('"Bulk 02"');
    expect(mail?.text).toContain(`And 3 more: see all your notifications: ${TEST_ORIGIN}/notifications`);
    expect(new Set(await emailStates(reader.id))).toEqual(new Set(['sent']));
  });

  it('sends nothing to someone suspended, nor when nothing is waiting any more', async () => {
    const suspended = await digestReader();
    const title = unique('Suspended ');
    await assign(suspended.manager.caller, suspended.manager.workspaceId, suspended.id, title);
    const emptied = await digestReader();
    await assign(emptied.manager.caller, emptied.manager.workspaceId, emptied.id, unique('Switched off '));
    await drainEvents(t.ctx);
    // Both digests are queued; then one person is suspended and the other turns the kind off.
    await enqueueDigests(t.ctx);
    await t.ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
    const off = await call(
      t.app,
      'PUT',
      '/api/v1/me/notification-preferences',
      { preferences: [{ kind: 'task_assigned', delivery: 'never' }] },
      emptied.caller,
    );
    expect(off.statusCode).toBe(200);
    await drainEvents(t.ctx);
    expect(digestsTo(suspended.email)).toEqual([]);
    expect(digestsTo(emptied.email)).toEqual([]);
    // A suspended person's waiting notifications are not even queued again.
    const tomorrow = new Date(Date.now() + DAY);
    await enqueueDigests(t.ctx, tomorrow);
    const queued = await t.ctx.db
      .selectFrom('jobs')
      .select('key')
      .where('key', '=', digestKey(suspended.id, tomorrow.toISOString().slice(0, 10)))
      .execute();
    expect(queued).toEqual([]);
  });
});
