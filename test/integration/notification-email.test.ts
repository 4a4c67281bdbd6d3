import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../../src/server/audit/record.js';
import { CONSUMERS } from '../../src/server/events/consumers.js';
import { pumpEvents } from '../../src/server/events/pump.js';
import { JOB_HANDLERS } from '../../src/server/jobs/handlers.js';
import { runDueJobs } from '../../src/server/jobs/queue.js';
import { createMailer } from '../../src/server/mail/mailer.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';
import {
  accept,
  addMember,
  adminCaller,
  enableExtranet,
  GUEST_PASSWORD,
  inviteAndAccept,
  managerWithWorkspace,
  sendInvitation,
  sentTo,
  signedIn,
  tokenOf,
  unique,
} from '../support/workspaces.js';

let t: TestApp;
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  t = await startTestApp({ FOYER_SMTP_URL: smtp.url });
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function createTask(caller: Caller, workspaceId: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/tasks`, body, caller);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const mailsAbout = (email: string, text: string) =>
  smtp.messages.filter((m: ParsedMail) => sentTo(email)(m) && `${m.subject ?? ''}\n${m.text ?? ''}`.includes(text));

/** An employee member of a manager's workspace, signed in. */
async function memberOf(workspaceId: string) {
  const user = await makeEmployee(t.ctx, { name: unique('Member ') });
  await addMember(t, workspaceId, user.id, 'member');
  return { ...user, caller: await signedIn(t, user) };
}

const notificationOf = (userId: string, targetId: string) =>
  t.ctx.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'email'])
    .where('user_id', '=', userId)
    .where('target_id', '=', targetId)
    .executeTakeFirst();

const emailJobOf = (notificationId: string) =>
  t.ctx.db.selectFrom('jobs').selectAll().where('key', '=', `notification-email:${notificationId}`).executeTakeFirstOrThrow();

describe('notification e-mails', () => {
  it('e-mails a task assignment at once: title, workspace, link and one-click unsubscribe, nothing more', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const title = unique('Calibrate the <press> ');
    const secret = unique('margin is 42 percent ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, description: secret, assigneeIds: [guest.id] });
    await drainEvents(t.ctx);

    const mails = mailsAbout(guest.email, title);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe(`Task assigned to you: ${title}`);
    expect(mail?.text).toContain(`The task "${title}" in the workspace "${manager.workspaceName}" was assigned to you.`);
    expect(mail?.text).toContain(`${TEST_ORIGIN}/workspaces/${manager.workspaceId}/tasks/${task.id}`);
    expect(mail?.html).toContain(`href="${TEST_ORIGIN}/workspaces/${manager.workspaceId}/tasks/${task.id}"`);
    expect(mail?.html).toContain('Calibrate the &lt;press&gt;');
    // The row's title and the workspace's name, never the description or who else is on it.
    expect(`${mail?.text}${mail?.html}`).not.toContain(secret);
    expect(`${mail?.text}${mail?.html}`).not.toContain(manager.email);
    // RFC 8058 one-click unsubscribe for this kind, and a visible link to the page that explains it.
    const list = mail?.headers.get('list') as { unsubscribe?: { url?: string }; 'unsubscribe-post'?: { name?: string } };
    expect(list.unsubscribe?.url).toMatch(/^http:\/\/foyer\.test\/api\/v1\/unsubscribe\?token=[\w-]+\.[\w-]{43}$/);
    expect(list['unsubscribe-post']?.name).toBe('List-Unsubscribe=One-Click');
    const token = new URL(list.unsubscribe?.url ?? '').searchParams.get('token');
    expect(mail?.text).toContain(`Stop e-mails about "Task assigned to me": ${TEST_ORIGIN}/unsubscribe#token=${token}`);
    expect(mail?.text).toContain(`${TEST_ORIGIN}/profile#notifications`);

    const row = await notificationOf(guest.id, task.id);
    expect(row).toMatchObject({ kind: 'task_assigned', email: 'sent' });
    // The job is done; running the queue again sends nothing more.
    expect((await emailJobOf(row?.id ?? '')).state).toBe('done');
    await drainEvents(t.ctx);
    expect(mailsAbout(guest.email, title)).toHaveLength(1);
  });

  it('keeps line breaks in names out of the mail headers', async () => {
    const manager = await managerWithWorkspace(t, { name: 'Quay\r\nBcc: spy@evil.example\r\nX-Injected: yes' });
    const first = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, first.caller, first.workspaceId);
    await drainEvents(t.ctx);
    // Joining sends no e-mail by default; this guest asks for one from now on.
    const chosen = await call(
      t.app,
      'PUT',
      '/api/v1/me/notification-preferences',
      { preferences: [{ kind: 'added_to_workspace', delivery: 'immediate' }] },
      guest.caller,
    );
    expect(chosen.statusCode, chosen.body).toBe(200);
    const invitation = await sendInvitation(t, manager.caller, manager.workspaceId, { email: guest.email, role: 'guest' });
    const joined = await accept(t, tokenOf(invitation.acceptUrl), { password: GUEST_PASSWORD }, guest.caller);
    expect(joined.statusCode, joined.body).toBe(200);
    await drainEvents(t.ctx);
    const mail = smtp.messages.find((m) => sentTo(guest.email)(m) && m.subject?.startsWith('Welcome to') === true);
    expect(mail?.subject).toBe('Welcome to Quay Bcc: spy@evil.example X-Injected: yes');
    expect(mail?.headers.has('bcc')).toBe(false);
    expect(mail?.headers.has('x-injected')).toBe(false);
    expect(smtp.messages.filter(sentTo('spy@evil.example'))).toEqual([]);
  });

  it('sends nothing for a kind set to never, and still tells the person in Foyer', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await memberOf(manager.workspaceId);
    const put = await call(
      t.app,
      'PUT',
      '/api/v1/me/notification-preferences',
      { preferences: [{ kind: 'task_assigned', delivery: 'never' }] },
      member.caller,
    );
    expect(put.statusCode, put.body).toBe(200);
    const title = unique('Silent ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [member.id] });
    await drainEvents(t.ctx);
    expect(mailsAbout(member.email, title)).toEqual([]);
    expect(await notificationOf(member.id, task.id)).toMatchObject({ kind: 'task_assigned', email: 'none' });
    // Other kinds still arrive as before.
    await record(t.ctx.db, {
      actorId: null,
      action: 'task.due_soon',
      target: { type: 'task', id: task.id },
      workspaceId: manager.workspaceId,
      details: { userId: member.id, dueOn: new Date().toISOString().slice(0, 10) },
    });
    await drainEvents(t.ctx);
    expect(mailsAbout(member.email, title).map((m) => m.subject)).toEqual([`Task due today: ${title}`]);
  });

  it('never e-mails a guest about an internal item, not even when an event names them', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const title = unique('Internal margin ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, visibility: 'internal', assigneeIds: [manager.id] });
    // Events that name the guest, as a faulty writer might: the consumer checks what the guest may read.
    for (const action of ['task.due_soon', 'task.created'] as const)
      await record(t.ctx.db, {
        actorId: null,
        action,
        target: { type: 'task', id: task.id },
        workspaceId: manager.workspaceId,
        internal: true,
        details: { userId: guest.id, assigneeIds: [guest.id], dueOn: new Date().toISOString().slice(0, 10) },
      });
    await drainEvents(t.ctx);
    expect(mailsAbout(guest.email, title)).toEqual([]);
    expect(smtp.messages.filter((m) => sentTo(guest.email)(m) && m.text?.includes('Internal margin') === true)).toEqual([]);
    expect(await notificationOf(guest.id, task.id)).toBeUndefined();
    // The same event about the employee on it reaches them.
    await record(t.ctx.db, {
      actorId: null,
      action: 'task.due_soon',
      target: { type: 'task', id: task.id },
      workspaceId: manager.workspaceId,
      internal: true,
      details: { userId: manager.id, dueOn: new Date().toISOString().slice(0, 10) },
    });
    await drainEvents(t.ctx);
    expect(mailsAbout(manager.email, title).map((m) => m.subject)).toEqual([`Task due today: ${title}`]);
  });

  it('sends nothing to someone suspended before the e-mail went out', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await memberOf(manager.workspaceId);
    const title = unique('Suspended ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [member.id] });
    await pumpEvents(t.ctx, CONSUMERS);
    expect(await notificationOf(member.id, task.id)).toMatchObject({ email: 'immediate' });
    await t.ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', member.id).execute();
    await drainEvents(t.ctx);
    expect(mailsAbout(member.email, title)).toEqual([]);
    expect(await notificationOf(member.id, task.id)).toMatchObject({ email: 'none' });
  });

  it('sends a guest nothing about a task that turned internal before the e-mail went out', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const title = unique('Turning internal ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [guest.id] });
    await pumpEvents(t.ctx, CONSUMERS);
    expect(await notificationOf(guest.id, task.id)).toMatchObject({ email: 'immediate' });
    const internal = await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { visibility: 'internal', assigneeIds: [] }, manager.caller);
    expect(internal.statusCode, internal.body).toBe(200);
    await drainEvents(t.ctx);
    expect(mailsAbout(guest.email, title)).toEqual([]);
    expect(await notificationOf(guest.id, task.id)).toMatchObject({ email: 'none' });
  });

  it('retries a failed send with backoff and sends exactly once when the mail server is back', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await memberOf(manager.workspaceId);
    const title = unique('Retry ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [member.id] });
    await pumpEvents(t.ctx, CONSUMERS);
    const notification = await notificationOf(member.id, task.id);
    // A real SMTP client towards a port where nobody listens.
    const broken = createMailer({ ...t.ctx.config, smtpUrl: 'smtp://127.0.0.1:9' }, t.ctx.log);
    try {
      const run = await runDueJobs({ ...t.ctx, mailer: broken }, JOB_HANDLERS);
      expect(run.retried).toBeGreaterThanOrEqual(1);
    } finally {
      broken.close();
    }
    const waiting = await emailJobOf(notification?.id ?? '');
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1 });
    expect(waiting.last_error).toBeTruthy();
    expect(Date.parse(waiting.run_at)).toBeGreaterThan(Date.now());
    expect(await notificationOf(member.id, task.id)).toMatchObject({ email: 'immediate' });
    expect(mailsAbout(member.email, title)).toEqual([]);

    // Not before its time comes…
    await runDueJobs(t.ctx, JOB_HANDLERS);
    expect(mailsAbout(member.email, title)).toEqual([]);
    // …then once, and never again.
    const later = new Date(Date.parse(waiting.run_at) + 1000);
    await drainEvents(t.ctx, { now: later });
    await drainEvents(t.ctx, { now: new Date(later.getTime() + 3_600_000) });
    expect(mailsAbout(member.email, title)).toHaveLength(1);
    expect(await emailJobOf(notification?.id ?? '')).toMatchObject({ state: 'done', attempts: 2 });
    expect(await notificationOf(member.id, task.id)).toMatchObject({ email: 'sent' });
  });

  it('runs a job again when its process died after the claim: once if it had not sent, not again if it had', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await memberOf(manager.workspaceId);
    const expired = new Date(Date.now() - 60_000).toISOString();

    // Died before sending: the lease runs out and the e-mail goes out once.
    const firstTitle = unique('Died before ');
    const first = await createTask(manager.caller, manager.workspaceId, { title: firstTitle, assigneeIds: [member.id] });
    await pumpEvents(t.ctx, CONSUMERS);
    const firstRow = await notificationOf(member.id, first.id);
    await t.ctx.db
      .updateTable('jobs')
      .set({ state: 'running', attempts: 1, locked_until: expired })
      .where('key', '=', `notification-email:${firstRow?.id}`)
      .execute();
    await drainEvents(t.ctx);
    expect(mailsAbout(member.email, firstTitle)).toHaveLength(1);
    expect(await emailJobOf(firstRow?.id ?? '')).toMatchObject({ state: 'done', attempts: 2 });

    // Died after sending and marking the row, before the job was marked done: no second e-mail.
    const secondTitle = unique('Died after ');
    const second = await createTask(manager.caller, manager.workspaceId, { title: secondTitle, assigneeIds: [member.id] });
    await drainEvents(t.ctx);
    expect(mailsAbout(member.email, secondTitle)).toHaveLength(1);
    const secondRow = await notificationOf(member.id, second.id);
    await t.ctx.db
      .updateTable('jobs')
      .set({ state: 'running', locked_until: expired, finished_at: null })
      .where('key', '=', `notification-email:${secondRow?.id}`)
      .execute();
    await drainEvents(t.ctx);
    expect(mailsAbout(member.email, secondTitle)).toHaveLength(1);
    expect(await emailJobOf(secondRow?.id ?? '')).toMatchObject({ state: 'done' });
  });
});
