import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/server/context.js';
import { runTaskReminders } from '../../src/server/jobs/task-reminders.job.js';
import { drainEvents } from '../support/events.js';
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

/** One pass of the reminder job, then what a live server does next: notifications, then e-mails. */
async function remind(ctx: AppContext = t.ctx) {
  const run = await runTaskReminders(ctx, now);
  await drainEvents(t.ctx);
  return run;
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
    expect(runs.reduce((sum, r) => sum + r.recorded, 0)).toBe(1);
    await remind();
    await remind();
    const mails = remindersOf(guest.email, title);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe(`Task due tomorrow: ${title}`);
    expect(mail?.text).toContain(`The task "${title}" in the workspace "${manager.workspaceName}" is due tomorrow (${day(1)}).`);
    expect(mail?.text).toContain(`${TEST_ORIGIN}/workspaces/${manager.workspaceId}/tasks/${task.id}`);
    expect(mail?.html).toContain(title.replace('<', '&lt;').replace('>', '&gt;'));
    expect(mail?.html).toContain(`href="${TEST_ORIGIN}/workspaces/${manager.workspaceId}/tasks/${task.id}"`);
    // One-click unsubscribe from this kind of e-mail (mailparser reads List-* headers into `list`).
    const list = mail?.headers.get('list') as { unsubscribe?: { url?: string } } | undefined;
    expect(list?.unsubscribe?.url).toMatch(/^http:\/\/foyer\.test\/api\/v1\/unsubscribe\?token=[\w-]+\.[\w-]{43}$/);
    // One event for the one reminder, by nobody, about the task, for the assignee.
    const events = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'workspace_id', 'internal', 'details'])
      .where('action', '=', 'task.due_soon')
      .where('target_id', '=', task.id)
      .execute();
    expect(events).toEqual([
      { actor_id: null, workspace_id: manager.workspaceId, internal: 0, details: JSON.stringify({ userId: guest.id, dueOn: day(1) }) },
    ]);
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

    await remind();
    expect(remindersOf(guest.email, doneTitle)).toEqual([]);
    expect(remindersOf(guest.email, laterTitle)).toEqual([]);
    expect(remindersOf(guest.email, internalTitle)).toEqual([]);
    // Not even in Foyer: the guest has no notification about the internal task.
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', guest.id)
      .where('target_id', '=', internal.id)
      .execute();
    expect(told).toEqual([]);
    // The employee on the internal task is reminded.
    expect(remindersOf(manager.email, internalTitle)).toHaveLength(1);

    // Three days ahead, the later task is due soon enough.
    await remind(withDays(3));
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
    await remind();
    expect(remindersOf(guest.email, title)).toEqual([]);
  });

  it('sends a new reminder when the due date changes, and none at all with 0 days', async () => {
    const manager = await managerWithWorkspace(t);
    const title = unique('Moving ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [manager.id], dueOn: day(1) });
    await remind();
    expect(remindersOf(manager.email, title)).toHaveLength(1);

    expect((await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { dueOn: day(0) }, manager.caller)).statusCode).toBe(200);
    await remind();
    await remind();
    const mails = remindersOf(manager.email, title);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe(`Task due today: ${title}`);

    const offTitle = unique('Off ');
    await createTask(manager.caller, manager.workspaceId, { title: offTitle, assigneeIds: [manager.id], dueOn: day(1) });
    expect(await remind(withDays(0))).toEqual({ recorded: 0 });
    expect(remindersOf(manager.email, offTitle)).toEqual([]);
  });

  it("follows the assignee's e-mail preference: none when they chose never, one line in the digest when they chose that", async () => {
    const manager = await managerWithWorkspace(t);
    const put = (delivery: string) =>
      call(t.app, 'PUT', '/api/v1/me/notification-preferences', { preferences: [{ kind: 'task_due_soon', delivery }] }, manager.caller);
    expect((await put('never')).statusCode).toBe(200);
    const quietTitle = unique('Quiet ');
    const quiet = await createTask(manager.caller, manager.workspaceId, { title: quietTitle, assigneeIds: [manager.id], dueOn: day(1) });
    await remind();
    expect(remindersOf(manager.email, quietTitle)).toEqual([]);
    // Still told in Foyer, only not by e-mail.
    const inApp = await t.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'email'])
      .where('target_id', '=', quiet.id)
      .where('user_id', '=', manager.id)
      .execute();
    expect(inApp).toEqual([{ kind: 'task_due_soon', email: 'none' }]);

    expect((await put('digest')).statusCode).toBe(200);
    const laterTitle = unique('Digested ');
    const later = await createTask(manager.caller, manager.workspaceId, { title: laterTitle, assigneeIds: [manager.id], dueOn: day(1) });
    await remind();
    expect(remindersOf(manager.email, laterTitle)).toEqual([]);
    const waiting = await t.ctx.db
      .selectFrom('notifications')
      .select('email')
      .where('target_id', '=', later.id)
      .where('kind', '=', 'task_due_soon')
      .executeTakeFirstOrThrow();
    expect(waiting.email).toBe('digest');
  });

  it('takes over a claim an older version left behind when it died before sending', async () => {
    const manager = await managerWithWorkspace(t);
    const title = unique('Orphan ');
    const task = await createTask(manager.caller, manager.workspaceId, { title, assigneeIds: [manager.id], dueOn: day(1) });
    const claimedAt = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
    await t.ctx.db
      .insertInto('task_reminders')
      .values({ task_id: task.id, user_id: manager.id, due_on: day(1), claimed_at: claimedAt(1), sent_at: null })
      .execute();
    await remind();
    expect(remindersOf(manager.email, title)).toEqual([]);
    await t.ctx.db
      .updateTable('task_reminders')
      .set({ claimed_at: claimedAt(60) })
      .where('task_id', '=', task.id)
      .execute();
    await remind();
    expect(remindersOf(manager.email, title)).toHaveLength(1);
  });
});
