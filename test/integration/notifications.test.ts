import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, hoursFromNow, patchActivity } from '../support/activities.js';
import { createFolder, employeeIn, uploadFile } from '../support/documents.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { createTask, patchTask } from '../support/tasks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  accept,
  adminCaller,
  enableExtranet,
  GUEST_PASSWORD,
  inviteAndAccept,
  managerWithWorkspace,
  sendInvitation,
  signedIn,
  tokenOf,
  unique,
} from '../support/workspaces.js';

// Notifications: who each kind of event reaches, what they may be told, and the list's API.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

interface NotificationJson {
  id: string;
  kind: string;
  title: string;
  workspace: { id: string; name: string } | null;
  target: { type: string; id: string } | null;
  actor: { id: string; name: string } | null;
  createdAt: string;
  readAt: string | null;
  path: string;
  details: Record<string, unknown>;
}

async function inbox(caller: Caller, query = ''): Promise<{ items: NotificationJson[]; unread: number; nextCursor: string | null }> {
  await drainEvents(t.ctx);
  const response = await call(t.app, 'GET', `/api/v1/me/notifications${query ? `?${query}` : ''}`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const kindsOf = async (caller: Caller) => (await inbox(caller)).items.map((n) => `${n.kind}:${n.title}`);

/** A workspace with a manager, an employee member and a guest (all signed in). */
async function team() {
  const manager = await managerWithWorkspace(t, { guestSettings: { upload: true, comment: true, seeMembers: true } });
  const member = await employeeIn(t, manager.workspaceId);
  const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
  return { manager, member, guest, workspaceId: manager.workspaceId };
}

describe('tasks', () => {
  it('tells the assignees of a new task, never the one who assigned it, and only the people added later', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const before = (await inbox(guest.caller)).items.length;
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Replace the seal', assigneeIds: [guest.id, manager.id] });

    const guestBox = await inbox(guest.caller);
    expect(guestBox.items).toHaveLength(before + 1);
    expect(guestBox.items[0]).toMatchObject({
      kind: 'task_assigned',
      title: 'Replace the seal',
      workspace: { id: workspaceId, name: manager.workspaceName },
      target: { type: 'task', id: task.id },
      actor: { id: manager.id, name: manager.name },
      readAt: null,
      path: `/workspaces/${workspaceId}/tasks/${task.id}`,
      details: { action: 'task.created' },
    });
    expect(await kindsOf(manager.caller)).not.toContain('task_assigned:Replace the seal');

    const patched = await patchTask(t, manager.caller, task.id, { assigneeIds: [guest.id, member.id] }, { 'if-match': task.etag });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await kindsOf(member.caller)).filter((k) => k === 'task_assigned:Replace the seal')).toHaveLength(1);
    // Already assigned: not told twice.
    expect((await kindsOf(guest.caller)).filter((k) => k === 'task_assigned:Replace the seal')).toHaveLength(1);
  });

  it('tells a guest nothing about an internal task, even one whose events name them', async () => {
    const { manager, member, guest, workspaceId } = await team();
    await createTask(t, manager.caller, workspaceId, { title: 'Internal budget', visibility: 'internal', assigneeIds: [member.id] });
    expect(await kindsOf(member.caller)).toContain('task_assigned:Internal budget');
    // Forge what a careless service could write: an internal event naming the guest.
    await t.ctx.db.transaction().execute(async (trx) => {
      const { record } = await import('../../src/server/audit/record.js');
      const task = await trx
        .selectFrom('tasks')
        .select('id')
        .where('title', '=', 'Internal budget')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      await record(trx, {
        actorId: manager.id,
        action: 'task.created',
        target: { type: 'task', id: task.id },
        workspaceId,
        details: { assigneeIds: [guest.id] },
        internal: true,
      });
    });
    const titles = (await inbox(guest.caller)).items.map((n) => n.title);
    expect(titles).not.toContain('Internal budget');
  });
});

describe('mentions', () => {
  it('tells the people mentioned in a comment, and on an edit only those newly mentioned', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Check the size' });
    const posted = await call(
      t.app,
      'POST',
      `/api/v1/tasks/${task.id}/comments`,
      { body: 'Which size?', mentionIds: [guest.id] },
      manager.caller,
    );
    expect(posted.statusCode, posted.body).toBe(201);
    const guestBox = await inbox(guest.caller);
    expect(guestBox.items[0]).toMatchObject({ kind: 'mentioned', title: 'Check the size', target: { type: 'task', id: task.id } });

    const edited = await call(
      t.app,
      'PATCH',
      `/api/v1/comments/${posted.json().id}`,
      { body: 'Which size, both of you?', mentionIds: [guest.id, member.id] },
      manager.caller,
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await kindsOf(member.caller)).filter((k) => k === 'mentioned:Check the size')).toHaveLength(1);
    expect((await kindsOf(guest.caller)).filter((k) => k === 'mentioned:Check the size')).toHaveLength(1);
  });
});

describe('documents', () => {
  it('tells the managers of an upload into a drop box, and the folder’s watchers of any upload', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const dropBox = await createFolder(t, manager.caller, workspaceId, { name: unique('Drop '), guestAccess: 'upload' });
    const shared = await createFolder(t, manager.caller, workspaceId, { name: unique('Shared '), guestAccess: 'view' });

    const watch = await call(t.app, 'PUT', `/api/v1/folders/${shared.id}/watch`, undefined, guest.caller);
    expect(watch.statusCode, watch.body).toBe(200);
    expect(watch.json()).toEqual({ watching: true });
    expect((await call(t.app, 'GET', `/api/v1/folders/${shared.id}/watch`, undefined, guest.caller)).json()).toEqual({ watching: true });

    await uploadFile(t, guest.caller, dropBox.id, 'invoice.pdf', '%PDF-1.4 invoice');
    expect(await kindsOf(manager.caller)).toContain('document_uploaded:invoice.pdf');
    expect(await kindsOf(member.caller)).not.toContain('document_uploaded:invoice.pdf');

    await uploadFile(t, member.caller, shared.id, 'drawing.txt', 'lines');
    expect(await kindsOf(guest.caller)).toContain('document_uploaded:drawing.txt');

    // The folder turns internal: the watcher hears of nothing in it any more.
    const folder = await call(t.app, 'GET', `/api/v1/folders/${shared.id}`, undefined, manager.caller);
    const internal = await call(t.app, 'PATCH', `/api/v1/folders/${shared.id}`, { visibility: 'internal' }, manager.caller, {
      'if-match': folder.headers.etag as string,
    });
    expect(internal.statusCode, internal.body).toBe(200);
    await uploadFile(t, member.caller, shared.id, 'secret.txt', 'numbers');
    expect(await kindsOf(guest.caller)).not.toContain('document_uploaded:secret.txt');
    // Nor may they watch what they cannot see: the same 404 as a folder that does not exist.
    const hidden = await call(t.app, 'PUT', `/api/v1/folders/${shared.id}/watch`, undefined, guest.caller);
    const missing = await call(t.app, 'PUT', '/api/v1/folders/doesnotexist0000000000/watch', undefined, guest.caller);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body.replace(/"requestId":"[^"]+"/, '')).toBe(missing.body.replace(/"requestId":"[^"]+"/, ''));

    const unwatch = await call(t.app, 'DELETE', `/api/v1/folders/${dropBox.id}/watch`, undefined, manager.caller);
    expect(unwatch.json()).toEqual({ watching: false });
  });
});

describe('planned activities', () => {
  it('tells attendees of a planned and a changed activity, and the organizer of a confirmation', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const activity = await createActivity(t, manager.caller, workspaceId, {
      title: 'Maintenance visit',
      startsAt: hoursFromNow(48),
      endsAt: hoursFromNow(50),
      attendeeIds: [guest.id],
    });
    expect(await kindsOf(guest.caller)).toContain('activity_planned:Maintenance visit');

    const changed = await patchActivity(
      t,
      manager.caller,
      activity.id,
      { location: 'Gate 2', attendeeIds: [guest.id, member.id] },
      { 'if-match': activity.etag },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await kindsOf(guest.caller)).toContain('activity_changed:Maintenance visit');
    expect(await kindsOf(member.caller)).toContain('activity_planned:Maintenance visit');
    expect(await kindsOf(member.caller)).not.toContain('activity_changed:Maintenance visit');

    const confirmed = await call(t.app, 'POST', `/api/v1/activities/${activity.id}/confirm`, {}, guest.caller);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const managerBox = await inbox(manager.caller);
    expect(managerBox.items[0]).toMatchObject({ kind: 'activity_confirmed', title: 'Maintenance visit', actor: { id: guest.id } });
  });
});

describe('invitations', () => {
  it('tells a person with an account of an invitation, and welcomes them once they joined', async () => {
    const { manager, guest } = await team();
    const other = await managerWithWorkspace(t);
    const invitation = await sendInvitation(t, other.caller, other.workspaceId, { email: guest.email, role: 'guest' });
    const box = await inbox(guest.caller);
    // It leads to the invitation's own page, like the link in its e-mail.
    expect(box.items[0]).toMatchObject({
      kind: 'invited',
      title: other.workspaceName,
      target: { type: 'invitation', id: invitation.id },
      path: `/invitation#token=${tokenOf(invitation.acceptUrl)}`,
    });

    const accepted = await accept(t, tokenOf(invitation.acceptUrl), { password: GUEST_PASSWORD }, guest.caller);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = await inbox(guest.caller);
    expect(after.items[0]).toMatchObject({
      kind: 'added_to_workspace',
      title: other.workspaceName,
      path: `/workspaces/${other.workspaceId}`,
    });
    // Answered: the invitation leads nowhere new any more.
    expect(after.items.find((n) => n.kind === 'invited')?.path).toBe('/notifications');
    expect(await kindsOf(manager.caller)).not.toContain(`invited:${other.workspaceName}`);
  });
});

describe('the list', () => {
  it('counts unread ones, marks one read and unread, marks all read, and pages newest first', async () => {
    const { manager, guest, workspaceId } = await team();
    for (const title of ['One', 'Two', 'Three']) await createTask(t, manager.caller, workspaceId, { title, assigneeIds: [guest.id] });
    const all = await inbox(guest.caller);
    expect(all.unread).toBe(all.items.length);
    expect(all.items.slice(0, 3).map((n) => n.title)).toEqual(['Three', 'Two', 'One']);
    const count = await call(t.app, 'GET', '/api/v1/me/notifications/unread-count', undefined, guest.caller);
    expect(count.json()).toEqual({ unread: all.unread });

    const first = all.items[0] as NotificationJson;
    expect((await call(t.app, 'POST', `/api/v1/me/notifications/${first.id}/read`, undefined, guest.caller)).statusCode).toBe(204);
    const afterRead = await inbox(guest.caller);
    expect(afterRead.unread).toBe(all.unread - 1);
    expect(afterRead.items[0]?.readAt).not.toBeNull();
    expect((await inbox(guest.caller, 'unread=true')).items.map((n) => n.id)).not.toContain(first.id);
    expect((await call(t.app, 'POST', `/api/v1/me/notifications/${first.id}/unread`, undefined, guest.caller)).statusCode).toBe(204);
    expect((await inbox(guest.caller)).unread).toBe(all.unread);

    const page = await inbox(guest.caller, 'limit=2');
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const next = await inbox(guest.caller, `limit=2&cursor=${page.nextCursor}`);
    expect(next.items[0]?.title).toBe('One');
    expect((await call(t.app, 'GET', '/api/v1/me/notifications?cursor=nonsense', undefined, guest.caller)).statusCode).toBe(400);

    const readAll = await call(t.app, 'POST', '/api/v1/me/notifications/read-all', undefined, guest.caller);
    expect(readAll.json()).toEqual({ updated: all.unread });
    expect((await inbox(guest.caller)).unread).toBe(0);
  });

  it('keeps each person’s notifications their own: another’s answers 404 like one that does not exist', async () => {
    const { manager, guest, workspaceId } = await team();
    await createTask(t, manager.caller, workspaceId, { title: 'Mine only', assigneeIds: [guest.id] });
    const mine = (await inbox(guest.caller)).items[0] as NotificationJson;
    const stranger = await signedIn(t, await makeEmployee(t.ctx, { email: `${unique('stranger-')}@company.example` }));
    const theirs = await call(t.app, 'POST', `/api/v1/me/notifications/${mine.id}/read`, undefined, stranger);
    const missing = await call(t.app, 'POST', '/api/v1/me/notifications/doesnotexist0000000000/read', undefined, stranger);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body.replace(/"requestId":"[^"]+"/, '')).toBe(missing.body.replace(/"requestId":"[^"]+"/, ''));
    expect((await inbox(guest.caller)).items[0]?.readAt).toBeNull();
    expect((await call(t.app, 'GET', '/api/v1/me/notifications', undefined, {})).statusCode).toBe(401);
  });

  it('hides what came from a workspace the guest was removed from, in the list and the count', async () => {
    const { manager, guest, workspaceId } = await team();
    await createTask(t, manager.caller, workspaceId, { title: 'Before removal', assigneeIds: [guest.id] });
    expect(await kindsOf(guest.caller)).toContain('task_assigned:Before removal');
    // A second workspace keeps the guest's account active.
    const other = await managerWithWorkspace(t);
    const invitation = await sendInvitation(t, other.caller, other.workspaceId, { email: guest.email, role: 'guest' });
    expect((await accept(t, tokenOf(invitation.acceptUrl), { password: GUEST_PASSWORD }, guest.caller)).statusCode).toBe(200);

    const removed = await call(t.app, 'DELETE', `/api/v1/workspaces/${workspaceId}/members/${guest.id}`, undefined, manager.caller);
    expect(removed.statusCode, removed.body).toBe(204);
    const box = await inbox(guest.caller);
    expect(box.items.filter((n) => n.workspace?.id === workspaceId).map((n) => n.kind)).toEqual([]);
    expect(box.unread).toBe(box.items.filter((n) => n.readAt === null).length);
  });

  it('handles each event once, however often the consumers run', async () => {
    const { manager, guest, workspaceId } = await team();
    await createTask(t, manager.caller, workspaceId, { title: 'Once', assigneeIds: [guest.id] });
    await drainEvents(t.ctx);
    await drainEvents(t.ctx);
    const rows = await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', guest.id)
      .where('title', '=', 'Once')
      .execute();
    expect(rows).toHaveLength(1);
  });
});
