import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/server/context.js';
import { runTaskReminders } from '../../src/server/jobs/task-reminders.job.js';
import { createMailer } from '../../src/server/mail/mailer.js';
import { type Caller, call } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, inviteAndAccept, managerWithWorkspace, sentTo, unique } from '../support/workspaces.js';

const DAY = 24 * 60 * 60 * 1000;

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

const now = new Date();
const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);

/** The same installation with another FOYER_TASK_REMINDER_DAYS. */
const withDays = (days: number): AppContext => ({ ...t.ctx, config: { ...t.ctx.config, taskReminderDays: days } });

async function createTask(caller: Caller, workspaceId: string, body: Record<string, unknown>): Promise<{ id: string; title: string }> {
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/tasks`, body, caller);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** Reminders about one task that reached one person. */
const remindersOf = (email: string, title: string) =>
  smtp.messages.filter((m: ParsedMail) => sentTo(email)(m) && m.subject?.startsWith('Task due') === true && m.subject.includes(title));

describe('due-date reminders', () => {
  it('e-mails the assignee once for a task due tomorrow, even when two runs race', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const title = unique('Replace the seal <now> ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [guest.id], dueOn: day(1) });

    const runs = await Promise.all([runTaskReminders(t.ctx, now), runTaskReminders(t.ctx, now)]);
    expect(runs.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    await runTaskReminders(t.ctx, now);
    const mails = remindersOf(guest.email, title);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe(`Task due tomorrow: ${title}`);
    expect(mail?.text).toContain(`The task "${title}" in the workspace "${manager.workspaceName}" is due tomorrow (${day(1)}).`);
    expect(mail?.text).toContain(`${TEST_ORIGIN}/workspaces/${manager.workspaceId}/tasks/${task.id}`);
    expect(mail?.html).toContain(title.replace('<', '&lt;').replace('>', '&gt;'));
    expect(mail?.html).toContain(`href="${TEST_ORIGIN}/workspaces/${manager.workspaceId}/tasks/${task.id}"`);
    // Only assignees hear of it.
    expect(remindersOf(manager.email, title)).toEqual([]);
    const row = await t.ctx.db.selectFrom('task_reminders').selectAll().where('task_id', '=', task.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: guest.id, due_on: day(1) });
    expect(row.sent_at).not.toBeNull();
  });

  it('reminds nobody of a done task, a task due later, or an internal task a guest was put on', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const doneTitle = unique('Done ');
    const done = await createTask(manager.caller, manager.workspaceId, { title: doneTitle, assigneeIds: [guest.id], dueOn: day(1) });
    expect((await call(t.app, 'PATCH', `/api/v1/tasks/${done.id}`, { status: 'done' }, manager.caller)).statusCode).toBe(200);
    const laterTitle = unique('Later ');
    await createTask(manager.caller, manager.workspaceId, { title: laterTitle, assigneeIds: [guest.id], dueOn: day(3) });
    // The API never gives an internal task to a guest; the job does not trust that alone.
    const internalTitle = unique('Margin check ');
    const internal = await createTask(manager.caller, manager.workspaceId, {
      title: internalTitle,
      visibility: 'internal',
      assigneeIds: [manager.id],
      dueOn: day(1),
    });
    await t.ctx.db.insertInto('task_assignees').values({ task_id: internal.id, user_id: guest.id }).execute();

    await runTaskReminders(t.ctx, now);
    expect(remindersOf(guest.email, doneTitle)).toEqual([]);
    expect(remindersOf(guest.email, laterTitle)).toEqual([]);
    expect(remindersOf(guest.email, internalTitle)).toEqual([]);
    // The employee on the internal task is reminded.
    expect(remindersOf(manager.email, internalTitle)).toHaveLength(1);

    // Three days ahead, the later task is due soon enough.
    await runTaskReminders(withDays(3), now);
    expect(remindersOf(guest.email, laterTitle)).toHaveLength(1);
  });

  it('reminds nobody once the guest was removed from the workspace', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const title = unique('Removed ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [guest.id], dueOn: day(1) });
    const removed = await call(t.app, 'DELETE', `/api/v1/workspaces/${manager.workspaceId}/members/${guest.id}`, undefined, manager.caller);
    expect(removed.statusCode, removed.body).toBe(204);
    // Whatever became of the assignment, a former member hears nothing.
    await t.ctx.db
      .insertInto('task_assignees')
      .values({ task_id: task.id, user_id: guest.id })
      .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing())
      .execute();
    await runTaskReminders(t.ctx, now);
    expect(remindersOf(guest.email, title)).toEqual([]);
  });

  it('sends a new reminder when the due date changes, and none at all with 0 days', async () => {
    const manager = await managerWithWorkspace(t);
    const title = unique('Moving ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [manager.id], dueOn: day(1) });
    await runTaskReminders(t.ctx, now);
    expect(remindersOf(manager.email, title)).toHaveLength(1);

    expect((await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { dueOn: day(0) }, manager.caller)).statusCode).toBe(200);
    await runTaskReminders(t.ctx, now);
    await runTaskReminders(t.ctx, now);
    const mails = remindersOf(manager.email, title);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe(`Task due today: ${title}`);

    const offTitle = unique('Off ');
    await createTask(manager.caller, manager.workspaceId, { title: offTitle, assigneeIds: [manager.id], dueOn: day(1) });
    expect(await runTaskReminders(withDays(0), now)).toEqual({ sent: 0, failed: 0 });
    expect(remindersOf(manager.email, offTitle)).toEqual([]);
  });

  it('gives the claim back when the e-mail cannot be sent, so a later run sends it', async () => {
    const manager = await managerWithWorkspace(t);
    const title = unique('Retry ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [manager.id], dueOn: day(1) });
    // A real SMTP client towards a port where nobody listens.
    const broken = createMailer({ ...t.ctx.config, smtpUrl: 'smtp://127.0.0.1:9' }, t.ctx.log);
    try {
      const failed = await runTaskReminders({ ...t.ctx, mailer: broken }, now);
      expect(failed.failed).toBeGreaterThanOrEqual(1);
    } finally {
      broken.close();
    }
    expect(await t.ctx.db.selectFrom('task_reminders').select('task_id').where('task_id', '=', task.id).execute()).toEqual([]);
    expect(remindersOf(manager.email, title)).toEqual([]);
    await runTaskReminders(t.ctx, now);
    expect(remindersOf(manager.email, title)).toHaveLength(1);
  });

  it('takes over a claim left behind by a run that died before sending', async () => {
    const manager = await managerWithWorkspace(t);
    const title = unique('Orphan ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [manager.id], dueOn: day(1) });
    const claimedAt = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
    await t.ctx.db
      .insertInto('task_reminders')
      .values({ task_id: task.id, user_id: manager.id, due_on: day(1), claimed_at: claimedAt(1), sent_at: null })
      .execute();
    await runTaskReminders(t.ctx, now);
    expect(remindersOf(manager.email, title)).toEqual([]);
    await t.ctx.db
      .updateTable('task_reminders')
      .set({ claimed_at: claimedAt(60) })
      .where('task_id', '=', task.id)
      .execute();
    await runTaskReminders(t.ctx, now);
    expect(remindersOf(manager.email, title)).toHaveLength(1);
  });
});
