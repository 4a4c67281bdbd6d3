import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import {
  after,
  createTask,
  listTasks,
  myTasks,
  myTasksResponse,
  patchTask,
  postTask,
  readTask,
  type Task,
  taskAs,
  tick,
} from '../support/tasks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  auditOf,
  enableExtranet,
  errorPaths,
  inFuture,
  inPast,
  inviteAndAccept,
  leaksOf,
  managerWithWorkspace,
  signedIn,
  unique,
  type WorkspaceBody,
} from '../support/workspaces.js';

// The rules of docs/tasks.md, through the API, on a real database (run once per engine): what may be
// created, by whom, who sees what, who may change what, the lists and "My tasks", and the audit trail.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const fieldErrors = (response: LightMyRequestResponse) => (response.json().errors ?? []) as { path: string; message: string }[];

/** A manager's workspace with the given guest settings. */
const workspace = (guestSettings: WorkspaceBody['guestSettings'] = {}) => managerWithWorkspace(t, { guestSettings });

/** An employee added to the workspace as a plain member, signed in. */
async function employeeMember(workspaceId: string, extra: { expiresAt?: string | null } = {}) {
  const user = await makeEmployee(t.ctx, { name: unique('Employee '), email: `${unique('employee-')}@company.example` });
  await addMember(t, workspaceId, user.id, 'member', extra);
  return { ...user, caller: await signedIn(t, user) };
}

async function setGuestSettings(manager: Caller, workspaceId: string, guestSettings: WorkspaceBody['guestSettings']) {
  const response = await call(t.app, 'PATCH', `/api/v1/workspaces/${workspaceId}`, { guestSettings }, manager);
  expect(response.statusCode, response.body).toBe(200);
}

async function removeMember(manager: Caller, workspaceId: string, userId: string) {
  const response = await call(t.app, 'DELETE', `/api/v1/workspaces/${workspaceId}/members/${userId}`, undefined, manager);
  expect(response.statusCode, response.body).toBe(204);
}

/** The 404 a caller gets for a task id that does not exist at all. */
const missing = (caller: Caller) => readTask(t, caller, newId());

function expectSameAs(response: LightMyRequestResponse, reference: LightMyRequestResponse) {
  expect(response.statusCode).toBe(404);
  expect(response.body).toBe(reference.body);
  expect(response.headers['content-type']).toBe(reference.headers['content-type']);
}

describe('creating a task', () => {
  it('needs a title and a real calendar date; priority is normal and visibility shared unless given', async () => {
    const manager = await workspace();
    for (const title of ['', '   ', '\t\n']) {
      const response = await postTask(t, manager.caller, manager.workspaceId, { title });
      expect(response.statusCode, title).toBe(400);
      expect(new Set(errorPaths(response))).toEqual(new Set(['/title']));
    }
    const untitled = await postTask(t, manager.caller, manager.workspaceId, { description: 'no title' });
    expect(untitled.statusCode).toBe(400);
    expect(errorPaths(untitled)).toEqual(['/title']);
    for (const dueOn of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-04-31', 'tomorrow', '2026-4-1', '2026-04-01T10:00:00Z']) {
      const response = await postTask(t, manager.caller, manager.workspaceId, { title: 'Check the valve', dueOn });
      expect(response.statusCode, dueOn).toBe(400);
      expect(new Set(errorPaths(response)), dueOn).toEqual(new Set(['/dueOn']));
    }
    // Nothing of the refused attempts was kept.
    expect(await listTasks(t, manager.caller, manager.workspaceId)).toEqual([]);

    const task = await createTask(t, manager.caller, manager.workspaceId, { title: '  Check the valve  ' });
    expect(task).toMatchObject({
      workspaceId: manager.workspaceId,
      title: 'Check the valve',
      description: '',
      status: 'open',
      priority: 'normal',
      visibility: 'shared',
      dueOn: null,
      assignees: [],
      checklist: [],
      createdBy: { id: manager.id, name: manager.name },
      completedBy: null,
      completedAt: null,
    });
    expect(task.etag).toBeTruthy();
    const leap = await createTask(t, manager.caller, manager.workspaceId, { title: 'Leap day', dueOn: '2028-02-29', priority: 'high' });
    expect(leap).toMatchObject({ dueOn: '2028-02-29', priority: 'high' });
    expect(await taskAs(t, manager.caller, leap.id)).toMatchObject({ dueOn: '2028-02-29', priority: 'high', visibility: 'shared' });
  });

  it('lets guests create shared tasks only where the workspace allows it, and viewers never', async () => {
    const manager = await workspace();
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
    expect((await postTask(t, guest.caller, manager.workspaceId, { title: 'Not allowed yet' })).statusCode).toBe(403);
    expect((await postTask(t, viewer.caller, manager.workspaceId, { title: 'Never' })).statusCode).toBe(403);

    await setGuestSettings(manager.caller, manager.workspaceId, { createTasks: true });
    const created = await createTask(t, guest.caller, manager.workspaceId, { title: 'Order spare seals' });
    expect(created).toMatchObject({ visibility: 'shared', createdBy: { id: guest.id, name: guest.name } });
    const internal = await postTask(t, guest.caller, manager.workspaceId, { title: 'Secret', visibility: 'internal' });
    expect(internal.statusCode).toBe(400);
    expect(errorPaths(internal)).toEqual(['/visibility']);
    expect((await postTask(t, viewer.caller, manager.workspaceId, { title: 'Still never' })).statusCode).toBe(403);

    // Only the accepted task exists, as the employees see it.
    expect((await listTasks(t, manager.caller, manager.workspaceId)).map((x) => x.title)).toEqual(['Order spare seals']);
  });

  it('takes as assignees only active members, and answers the same for a non-member, a removed and an expired member', async () => {
    const manager = await workspace();
    const member = await employeeMember(manager.workspaceId);
    const outsider = await makeEmployee(t.ctx);
    const removed = await employeeMember(manager.workspaceId);
    await removeMember(manager.caller, manager.workspaceId, removed.id);
    const expired = await employeeMember(manager.workspaceId, { expiresAt: inPast(5) });
    const later = await employeeMember(manager.workspaceId, { expiresAt: inFuture(30) });

    const refusals = [];
    for (const [label, id] of [
      ['non-member', outsider.id],
      ['removed', removed.id],
      ['expired', expired.id],
      ['no such user', newId()],
    ] as const) {
      const response = await postTask(t, manager.caller, manager.workspaceId, { title: unique('Task '), assigneeIds: [member.id, id] });
      expect(response.statusCode, label).toBe(400);
      refusals.push(fieldErrors(response));
    }
    expect(refusals[0]).toEqual([{ path: '/assigneeIds/1', message: expect.any(String) }]);
    for (const refusal of refusals) expect(refusal).toEqual(refusals[0]);
    expect(await listTasks(t, manager.caller, manager.workspaceId)).toEqual([]);

    const task = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Inspect',
      assigneeIds: [member.id, later.id, manager.id],
    });
    expect(ids(task.assignees).sort()).toEqual([member.id, later.id, manager.id].sort());
    // The same rule when the assignees change.
    const changed = await patchTask(t, manager.caller, task.id, { assigneeIds: [expired.id] });
    expect(changed.statusCode).toBe(400);
    expect(fieldErrors(changed)).toEqual([{ path: '/assigneeIds/0', message: refusals[0]?.[0]?.message }]);
    expect(ids((await taskAs(t, manager.caller, task.id)).assignees).sort()).toEqual([member.id, later.id, manager.id].sort());
  });

  it('names a refused assignee by its place in the request, even after a repeated id', async () => {
    const manager = await workspace();
    const member = await employeeMember(manager.workspaceId);
    const outsider = await makeEmployee(t.ctx);
    const response = await postTask(t, manager.caller, manager.workspaceId, {
      title: 'Twice the same person',
      assigneeIds: [member.id, member.id, outsider.id],
    });
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['/assigneeIds/2']);
  });

  it('assigns an internal task to employees only', async () => {
    const manager = await workspace();
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const member = await employeeMember(manager.workspaceId);
    const refused = await postTask(t, manager.caller, manager.workspaceId, {
      title: 'Margin check',
      visibility: 'internal',
      assigneeIds: [member.id, guest.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(errorPaths(refused)).toEqual(['/assigneeIds/1']);
    const task = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Margin check',
      visibility: 'internal',
      assigneeIds: [member.id],
    });
    expect(task).toMatchObject({ visibility: 'internal', assignees: [{ id: member.id, name: member.name }] });
  });

  it('lets a guest assign only the people the directory rule shows them', async () => {
    const manager = await workspace({ createTasks: true, seeMembers: false });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const other = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const nobody = await postTask(t, guest.caller, manager.workspaceId, { title: 'x', assigneeIds: [newId()] });
    expect(nobody.statusCode).toBe(400);
    const reason = fieldErrors(nobody);
    // Another guest of the workspace and the manager (not shown to guests) are members the guest cannot see.
    for (const id of [other.id, manager.id]) {
      const response = await postTask(t, guest.caller, manager.workspaceId, { title: 'x', assigneeIds: [id] });
      expect(response.statusCode).toBe(400);
      expect(fieldErrors(response)).toEqual(reason);
    }
    expect(reason).toEqual([{ path: '/assigneeIds/0', message: expect.any(String) }]);
    const own = await createTask(t, guest.caller, manager.workspaceId, { title: 'Mine', assigneeIds: [guest.id] });
    expect(own.assignees).toEqual([{ id: guest.id, name: guest.name }]);

    // Once the workspace shows its members, the other guest may be assigned.
    await setGuestSettings(manager.caller, manager.workspaceId, { seeMembers: true });
    const shared = await createTask(t, guest.caller, manager.workspaceId, { title: 'Ours', assigneeIds: [other.id] });
    expect(shared.assignees).toEqual([{ id: other.id, name: other.name }]);
  });
});

describe('reading tasks', () => {
  it('never shows a guest an internal task: a single read answers like a missing task, lists and My tasks leave it out', async () => {
    const manager = await workspace({ createTasks: true });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
    const internal = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Margin check',
      visibility: 'internal',
      assigneeIds: [manager.id],
      checklist: [{ text: 'Compare offers' }],
    });
    const shared = await createTask(t, manager.caller, manager.workspaceId, { title: 'Replace the seal', assigneeIds: [guest.id] });
    // Even a row tying the guest to the internal task (which the API refuses to write) does not leak it.
    await t.ctx.db.insertInto('task_assignees').values({ task_id: internal.id, user_id: guest.id }).execute();

    for (const reader of [guest.caller, viewer.caller]) {
      const reference = await missing(reader);
      expectSameAs(await readTask(t, reader, internal.id), reference);
      expectSameAs(await patchTask(t, reader, internal.id, { status: 'done' }), reference);
      expectSameAs(await tick(t, reader, internal.id, internal.checklist[0]?.id ?? '', true), reference);
      expect(ids(await listTasks(t, reader, manager.workspaceId))).toEqual([shared.id]);
      expect(ids(await listTasks(t, reader, manager.workspaceId, 'status=open&sort=title'))).toEqual([shared.id]);
    }
    expect(ids(await myTasks(t, guest.caller))).toEqual([shared.id]);
    expect(ids(await listTasks(t, guest.caller, manager.workspaceId, `assigneeId=${guest.id}`))).toEqual([shared.id]);
    // The employees see both, and the internal task is unchanged.
    expect(ids(await listTasks(t, manager.caller, manager.workspaceId, 'sort=title'))).toEqual([internal.id, shared.id]);
    expect(await taskAs(t, manager.caller, internal.id)).toMatchObject({ status: 'open', checklist: [{ done: false }] });
  });

  it('shows a guest nothing of a workspace they are not in', async () => {
    const mine = await workspace();
    const guest = await inviteAndAccept(t, mine.caller, mine.workspaceId);
    const theirs = await workspace();
    const member = await employeeMember(theirs.workspaceId);
    const elsewhere = await createTask(t, theirs.caller, theirs.workspaceId, { title: 'Elsewhere', assigneeIds: [member.id] });
    const reference = await missing(guest.caller);
    expectSameAs(await readTask(t, guest.caller, elsewhere.id), reference);
    expectSameAs(await patchTask(t, guest.caller, elsewhere.id, { title: 'Mine now' }), reference);
    const list = await call(t.app, 'GET', `/api/v1/workspaces/${theirs.workspaceId}/tasks`, undefined, guest.caller);
    expect(list.statusCode).toBe(404);
    expect((await postTask(t, guest.caller, theirs.workspaceId, { title: 'Sneak in' })).statusCode).toBe(404);
    expect(await myTasks(t, guest.caller)).toEqual([]);
    expect(await myTasks(t, guest.caller, `workspaceId=${theirs.workspaceId}`)).toEqual([]);
    // Employees who are not members see nothing either.
    expectSameAs(await readTask(t, mine.caller, elsewhere.id), await missing(mine.caller));
  });

  it('names assignees outside the directory rule "Unknown user"', async () => {
    const manager = await workspace({ seeMembers: false });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const other = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Joint visit',
      assigneeIds: [guest.id, other.id, manager.id],
    });
    const hidden = [
      { id: other.id, name: other.name, email: other.email },
      { id: manager.id, name: manager.name, email: manager.email },
    ];
    const seen = await taskAs(t, guest.caller, task.id);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...seen.assignees].sort(byId)).toEqual(
      [
        { id: guest.id, name: guest.name },
        { id: other.id, name: 'Unknown user' },
        { id: manager.id, name: 'Unknown user' },
      ].sort(byId),
    );
    expect(seen.createdBy).toEqual({ id: manager.id, name: 'Unknown user' });
    expect(leaksOf(seen, hidden)).toEqual([]);
    expect(leaksOf(await listTasks(t, guest.caller, manager.workspaceId), hidden)).toEqual([]);
    expect(leaksOf(await myTasks(t, guest.caller), hidden)).toEqual([]);
    // Employees see every name.
    const byManager = await taskAs(t, manager.caller, task.id);
    expect(byManager.assignees.map((a) => a.name).sort()).toEqual([guest.name, other.name, manager.name].sort());
    // Once the workspace shows its members, so does the task.
    await setGuestSettings(manager.caller, manager.workspaceId, { seeMembers: true });
    expect((await taskAs(t, guest.caller, task.id)).assignees.map((a) => a.name).sort()).toEqual(
      [guest.name, other.name, manager.name].sort(),
    );
  });
});

describe('changing a task', () => {
  it('lets employees edit everything, guarded by If-Match: a stale copy changes nothing, `*` and no If-Match are accepted', async () => {
    const manager = await workspace();
    const member = await employeeMember(manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, { title: 'Draft', checklist: [{ text: 'One' }] });
    const edited = await patchTask(
      t,
      member.caller,
      task.id,
      {
        title: 'Final',
        description: 'All **details**',
        priority: 'high',
        dueOn: '2026-09-01',
        visibility: 'internal',
        assigneeIds: [member.id],
        checklist: [{ text: 'Two' }],
        status: 'in_progress',
      },
      { 'if-match': task.etag },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Final',
      description: 'All **details**',
      priority: 'high',
      dueOn: '2026-09-01',
      visibility: 'internal',
      status: 'in_progress',
      assignees: [{ id: member.id, name: member.name }],
      checklist: [{ text: 'Two', done: false }],
      createdBy: { id: manager.id },
      updatedBy: { id: member.id, name: member.name },
    });
    const etag = edited.headers.etag as string;
    expect(etag).not.toBe(task.etag);

    // The copy loaded before the edit is stale: 412, and the task is exactly as it was.
    const before = await taskAs(t, manager.caller, task.id);
    const stale = await patchTask(t, manager.caller, task.id, { title: 'Overwritten', dueOn: null }, { 'if-match': task.etag });
    expect(stale.statusCode).toBe(412);
    expect(await taskAs(t, manager.caller, task.id)).toEqual(before);
    expect((await readTask(t, manager.caller, task.id)).headers.etag).toBe(etag);

    const star = await patchTask(t, manager.caller, task.id, { dueOn: null }, { 'if-match': '*' });
    expect(star.statusCode, star.body).toBe(200);
    expect(star.json().dueOn).toBeNull();
    const bare = await patchTask(t, manager.caller, task.id, { priority: 'low' });
    expect(bare.statusCode, bare.body).toBe(200);
    const current = await patchTask(t, manager.caller, task.id, { title: 'Final, checked' }, { 'if-match': bare.headers.etag as string });
    expect(current.statusCode, current.body).toBe(200);
    expect(await taskAs(t, member.caller, task.id)).toMatchObject({ title: 'Final, checked', priority: 'low', dueOn: null });
  });

  it('lets a guest edit only the tasks they created; an assigned guest changes only the status; others get 403', async () => {
    const manager = await workspace({ createTasks: true });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const own = await createTask(t, guest.caller, manager.workspaceId, { title: 'My request' });
    const edited = await patchTask(t, guest.caller, own.id, { title: 'My request, clearer', priority: 'high', dueOn: '2026-10-01' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'My request, clearer',
      priority: 'high',
      dueOn: '2026-10-01',
      updatedBy: { id: guest.id },
    });
    const toInternal = await patchTask(t, guest.caller, own.id, { visibility: 'internal' });
    expect(toInternal.statusCode).toBe(400);
    expect(errorPaths(toInternal)).toEqual(['/visibility']);
    expect((await patchTask(t, guest.caller, own.id, { status: 'in_progress' })).statusCode).toBe(200);

    const assigned = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Replace the seal',
      assigneeIds: [guest.id],
      checklist: [{ text: 'Drain' }],
    });
    const before = await taskAs(t, manager.caller, assigned.id);
    for (const body of [
      { title: 'Something else' },
      { priority: 'low' },
      { dueOn: '2030-01-01' },
      { description: 'x' },
      { assigneeIds: [] },
      { checklist: [] },
      { status: 'done', title: 'Done and renamed' },
    ]) {
      const response = await patchTask(t, guest.caller, assigned.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(403);
    }
    expect(await taskAs(t, manager.caller, assigned.id)).toEqual(before);
    const moved = await patchTask(t, guest.caller, assigned.id, { status: 'in_progress' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'in_progress', title: 'Replace the seal', abilities: ['read', 'set_status', 'tick'] });

    // Neither author nor assignee: read only.
    const notMine = await createTask(t, manager.caller, manager.workspaceId, { title: 'For the team', checklist: [{ text: 'Step' }] });
    expect((await taskAs(t, guest.caller, notMine.id)).abilities).toEqual(['read']);
    expect((await patchTask(t, guest.caller, notMine.id, { status: 'done' })).statusCode).toBe(403);
    expect((await patchTask(t, guest.caller, notMine.id, { title: 'Hijacked' })).statusCode).toBe(403);
    expect((await tick(t, guest.caller, notMine.id, notMine.checklist[0]?.id ?? '', true)).statusCode).toBe(403);
    expect(await taskAs(t, manager.caller, notMine.id)).toMatchObject({
      status: 'open',
      title: 'For the team',
      checklist: [{ done: false }],
    });
  });

  it('lets an assigned guest tick checklist items, recording who and when; unticking clears both', async () => {
    const manager = await workspace();
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Service visit',
      assigneeIds: [guest.id],
      checklist: [{ text: 'Drain the pump' }, { text: 'Fit the seal' }],
    });
    const [first, second] = task.checklist;
    const ticked = await tick(t, guest.caller, task.id, first?.id ?? '', true);
    expect(ticked.statusCode, ticked.body).toBe(200);
    const seen = await taskAs(t, manager.caller, task.id);
    expect(seen.checklist).toEqual([
      { id: first?.id, text: 'Drain the pump', done: true, doneBy: { id: guest.id, name: guest.name }, doneAt: expect.any(String) },
      { id: second?.id, text: 'Fit the seal', done: false, doneBy: null, doneAt: null },
    ]);
    // Ticking changes the task's version: a copy from before it is stale.
    expect(ticked.headers.etag).not.toBe(task.etag);
    expect((await patchTask(t, manager.caller, task.id, { title: 'Renamed' }, { 'if-match': task.etag })).statusCode).toBe(412);

    const unticked = await tick(t, guest.caller, task.id, first?.id ?? '', false);
    expect(unticked.statusCode, unticked.body).toBe(200);
    expect((await taskAs(t, manager.caller, task.id)).checklist[0]).toEqual({
      id: first?.id,
      text: 'Drain the pump',
      done: false,
      doneBy: null,
      doneAt: null,
    });
    // An item of another task is not an item of this one.
    const other = await createTask(t, manager.caller, manager.workspaceId, { title: 'Other', checklist: [{ text: 'Elsewhere' }] });
    expect((await tick(t, manager.caller, task.id, other.checklist[0]?.id ?? '', true)).statusCode).toBe(404);
    expect((await taskAs(t, manager.caller, other.id)).checklist[0]?.done).toBe(false);
  });

  it('refuses to make a task internal while a guest is assigned to it', async () => {
    const manager = await workspace();
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const member = await employeeMember(manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, { title: 'Quote', assigneeIds: [member.id, guest.id] });
    const before = await taskAs(t, manager.caller, task.id);
    const refused = await patchTask(t, manager.caller, task.id, { visibility: 'internal' });
    expect(refused.statusCode).toBe(400);
    // No assignees were sent: the path points into the list as the task shows it.
    expect(errorPaths(refused)).toEqual([`/assigneeIds/${ids(before.assignees).indexOf(guest.id)}`]);
    expect(await taskAs(t, manager.caller, task.id)).toEqual(before);
    expect((await taskAs(t, guest.caller, task.id)).visibility).toBe('shared');
    // Without the guest it may become internal; then the guest no longer sees it.
    const done = await patchTask(t, manager.caller, task.id, { visibility: 'internal', assigneeIds: [member.id] });
    expect(done.statusCode, done.body).toBe(200);
    expectSameAs(await readTask(t, guest.caller, task.id), await missing(guest.caller));
  });

  it('replaces the checklist keeping the ticks of items given back by id, and refuses ids it does not know', async () => {
    const manager = await workspace();
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Commissioning',
      assigneeIds: [guest.id],
      checklist: [{ text: 'Unpack' }, { text: 'Mount' }, { text: 'Test' }],
    });
    const [unpack, mount, test] = task.checklist;
    expect((await tick(t, guest.caller, task.id, unpack?.id ?? '', true)).statusCode).toBe(200);
    expect((await tick(t, manager.caller, task.id, mount?.id ?? '', true)).statusCode).toBe(200);
    const ticked = await taskAs(t, manager.caller, task.id);

    const other = await createTask(t, manager.caller, manager.workspaceId, { title: 'Other', checklist: [{ text: 'Elsewhere' }] });
    for (const foreign of [newId(), other.checklist[0]?.id ?? '']) {
      const refused = await patchTask(t, manager.caller, task.id, {
        checklist: [
          { id: mount?.id, text: 'Mount' },
          { id: foreign, text: 'Foreign' },
        ],
      });
      expect(refused.statusCode).toBe(400);
      expect(errorPaths(refused)).toEqual(['/checklist/1/id']);
      expect(await taskAs(t, manager.caller, task.id)).toEqual(ticked);
    }

    const replaced = await patchTask(t, manager.caller, task.id, {
      checklist: [{ id: mount?.id, text: 'Mount on the frame' }, { text: 'Label' }, { id: unpack?.id, text: 'Unpack' }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const list = (replaced.json() as Task).checklist;
    expect(list).toEqual([
      {
        id: mount?.id,
        text: 'Mount on the frame',
        done: true,
        doneBy: { id: manager.id, name: manager.name },
        doneAt: ticked.checklist[1]?.doneAt,
      },
      { id: expect.any(String), text: 'Label', done: false, doneBy: null, doneAt: null },
      { id: unpack?.id, text: 'Unpack', done: true, doneBy: { id: guest.id, name: guest.name }, doneAt: ticked.checklist[0]?.doneAt },
    ]);
    expect(ids(list)).not.toContain(test?.id);
    // The dropped item is gone for good: it can neither be ticked nor given back.
    expect((await tick(t, manager.caller, task.id, test?.id ?? '', true)).statusCode).toBe(404);
    expect((await patchTask(t, manager.caller, task.id, { checklist: [{ id: test?.id, text: 'Test' }] })).statusCode).toBe(400);
  });

  it('refuses a checklist that gives the same item back twice with a 400, changing nothing', async () => {
    const manager = await workspace();
    const task = await createTask(t, manager.caller, manager.workspaceId, { title: 'Twice', checklist: [{ text: 'Once' }] });
    const itemId = task.checklist[0]?.id;
    const before = await taskAs(t, manager.caller, task.id);
    const response = await patchTask(t, manager.caller, task.id, {
      checklist: [
        { id: itemId, text: 'Once' },
        { id: itemId, text: 'Once more' },
      ],
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(errorPaths(response)).toEqual(['/checklist/1/id']);
    expect(await taskAs(t, manager.caller, task.id)).toEqual(before);
  });

  it('records who completed a task and when; reopening or cancelling clears it', async () => {
    const manager = await workspace();
    const member = await employeeMember(manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, { title: 'Ship' });
    const done = await patchTask(t, member.caller, task.id, { status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      completedBy: { id: member.id, name: member.name },
      completedAt: expect.any(String),
    });
    const completedAt = done.json().completedAt;
    // Editing a done task by someone else keeps who completed it.
    const renamed = await patchTask(t, manager.caller, task.id, { title: 'Shipped', status: 'done' });
    expect(renamed.json()).toMatchObject({ status: 'done', completedBy: { id: member.id }, completedAt });
    const reopened = await patchTask(t, manager.caller, task.id, { status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', completedBy: null, completedAt: null });
    expect((await patchTask(t, manager.caller, task.id, { status: 'done' })).json()).toMatchObject({ completedBy: { id: manager.id } });
    const cancelled = await patchTask(t, manager.caller, task.id, { status: 'cancelled' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', completedBy: null, completedAt: null });
    expect(await taskAs(t, member.caller, task.id)).toMatchObject({ status: 'cancelled', completedBy: null, completedAt: null });
  });

  it('keeps tasks read-only while the workspace is archived: 409 on every change, reads fine, abilities only read', async () => {
    const manager = await workspace({ createTasks: true });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Before the archive',
      assigneeIds: [guest.id],
      checklist: [{ text: 'Step' }],
    });
    const own = await createTask(t, guest.caller, manager.workspaceId, { title: 'Guest request' });
    const archived = await call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/archive`, undefined, manager.caller);
    expect(archived.statusCode, archived.body).toBe(200);
    const before = await taskAs(t, manager.caller, task.id);
    const itemId = task.checklist[0]?.id ?? '';

    const attempts: [string, () => Promise<LightMyRequestResponse>][] = [
      ['manager creates', () => postTask(t, manager.caller, manager.workspaceId, { title: 'After' })],
      ['guest creates', () => postTask(t, guest.caller, manager.workspaceId, { title: 'After' })],
      ['manager edits', () => patchTask(t, manager.caller, task.id, { title: 'After' })],
      ['manager edits with If-Match', () => patchTask(t, manager.caller, task.id, { title: 'After' }, { 'if-match': task.etag })],
      ['manager completes', () => patchTask(t, manager.caller, task.id, { status: 'done' })],
      ['manager ticks', () => tick(t, manager.caller, task.id, itemId, true)],
      ['assigned guest completes', () => patchTask(t, guest.caller, task.id, { status: 'done' })],
      ['assigned guest ticks', () => tick(t, guest.caller, task.id, itemId, true)],
      ['author guest edits', () => patchTask(t, guest.caller, own.id, { title: 'After' })],
    ];
    for (const [label, attempt] of attempts) expect((await attempt()).statusCode, label).toBe(409);

    expect(await taskAs(t, manager.caller, task.id)).toEqual(before);
    expect(before.abilities).toEqual(['read']);
    expect((await taskAs(t, guest.caller, task.id)).abilities).toEqual(['read']);
    expect((await taskAs(t, guest.caller, own.id)).abilities).toEqual(['read']);
    const listed = await listTasks(t, manager.caller, manager.workspaceId, 'sort=title');
    expect(listed.map((x) => [x.title, x.abilities])).toEqual([
      ['Before the archive', ['read']],
      ['Guest request', ['read']],
    ]);
    expect((await myTasks(t, guest.caller)).map((x) => [x.id, x.abilities])).toEqual([[task.id, ['read']]]);
  });
});

describe("a workspace's task list", () => {
  it('filters by several statuses and by assignee, and sorts by due date (no date last), creation (newest first) and title', async () => {
    const manager = await workspace();
    const member = await employeeMember(manager.workspaceId);
    const made: Task[] = [];
    const plan = [
      { title: 'Delta', dueOn: '2026-05-10', status: 'open', assigned: true },
      { title: 'Alpha', dueOn: null, status: 'in_progress', assigned: false },
      { title: 'Charlie', dueOn: '2026-04-01', status: 'done', assigned: true },
      { title: 'Bravo', dueOn: '2026-06-01', status: 'cancelled', assigned: false },
      { title: 'Echo', dueOn: null, status: 'open', assigned: true },
    ] as const;
    for (const step of plan) {
      const previous = made.at(-1);
      if (previous) await after(previous.createdAt);
      const created = await createTask(t, manager.caller, manager.workspaceId, {
        title: step.title,
        dueOn: step.dueOn,
        assigneeIds: step.assigned ? [member.id] : [],
      });
      if (step.status !== 'open') expect((await patchTask(t, manager.caller, created.id, { status: step.status })).statusCode).toBe(200);
      made.push(created);
    }
    const titles = (items: Task[]) => items.map((x) => x.title);
    const list = (query: string) => listTasks(t, member.caller, manager.workspaceId, query).then(titles);

    expect(await list('')).toEqual(['Charlie', 'Delta', 'Bravo', 'Alpha', 'Echo']);
    expect(await list('sort=due')).toEqual(['Charlie', 'Delta', 'Bravo', 'Alpha', 'Echo']);
    expect(await list('sort=created')).toEqual(['Echo', 'Bravo', 'Charlie', 'Alpha', 'Delta']);
    expect(await list('sort=title')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    expect(await list('status=open')).toEqual(['Delta', 'Echo']);
    expect(await list('status=open&status=in_progress')).toEqual(['Delta', 'Alpha', 'Echo']);
    expect(await list('status=done&status=cancelled&sort=title')).toEqual(['Bravo', 'Charlie']);
    expect(await list(`assigneeId=${member.id}`)).toEqual(['Charlie', 'Delta', 'Echo']);
    expect(await list(`assigneeId=${member.id}&status=open&status=done&sort=title`)).toEqual(['Charlie', 'Delta', 'Echo']);
    expect(await list(`assigneeId=${member.id}&status=in_progress`)).toEqual([]);
    expect(await list(`assigneeId=${manager.id}`)).toEqual([]);

    const bad = await call(t.app, 'GET', `/api/v1/workspaces/${manager.workspaceId}/tasks?status=closed`, undefined, member.caller);
    expect(bad.statusCode).toBe(400);
    const badSort = await call(t.app, 'GET', `/api/v1/workspaces/${manager.workspaceId}/tasks?sort=priority`, undefined, member.caller);
    expect(badSort.statusCode).toBe(400);
  });
});

describe('My tasks', () => {
  it('lists my open and in-progress tasks across my workspaces, grouped for the given today, filterable by workspace', async () => {
    const first = await workspace();
    const second = await workspace();
    const me = await employeeMember(first.workspaceId);
    await addMember(t, second.workspaceId, me.id, 'member');
    const colleague = await employeeMember(first.workspaceId);

    const task = async (owner: typeof first, title: string, dueOn: string | null, status = 'open', assigneeIds = [me.id]) => {
      const created = await createTask(t, owner.caller, owner.workspaceId, { title, dueOn, assigneeIds });
      if (status !== 'open') expect((await patchTask(t, owner.caller, created.id, { status })).statusCode).toBe(200);
      return created.id;
    };
    const later = await task(first, 'In a week', '2026-03-17');
    const noDate = await task(first, 'Some day', null, 'in_progress');
    const overdue = await task(first, 'Yesterday', '2026-03-09');
    const today = await task(first, 'Today', '2026-03-10', 'in_progress');
    const sixDays = await task(first, 'In six days', '2026-03-16');
    const elsewhere = await task(second, 'Other workspace', '2026-03-12');
    const internal = await createTask(t, first.caller, first.workspaceId, {
      title: 'Internal',
      visibility: 'internal',
      assigneeIds: [me.id],
    });
    await task(first, 'Done', '2026-03-11', 'done');
    await task(first, 'Cancelled', '2026-03-11', 'cancelled');
    await task(first, 'Not mine', '2026-03-11', 'open', [colleague.id]);
    await task(first, 'Nobody', '2026-03-11', 'open', []);

    const items = await myTasks(t, me.caller, 'today=2026-03-10');
    expect(items.map((i) => [i.id, i.group])).toEqual([
      [overdue, 'overdue'],
      [today, 'this_week'],
      [elsewhere, 'this_week'],
      [sixDays, 'this_week'],
      [later, 'later'],
      ...[
        [noDate, 'no_date'],
        [internal.id, 'no_date'],
      ].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1)),
    ]);
    expect(items.find((i) => i.id === elsewhere)?.workspace).toEqual({ id: second.workspaceId, name: second.workspaceName });
    expect(items.find((i) => i.id === today)?.workspace).toEqual({ id: first.workspaceId, name: first.workspaceName });
    // The groups move with the reader's day.
    const aWeekOn = await myTasks(t, me.caller, 'today=2026-03-17');
    expect(aWeekOn.filter((i) => i.dueOn !== null).map((i) => [i.id, i.group])).toEqual([
      [overdue, 'overdue'],
      [today, 'overdue'],
      [elsewhere, 'overdue'],
      [sixDays, 'overdue'],
      [later, 'this_week'],
    ]);
    expect(ids(await myTasks(t, me.caller, `today=2026-03-10&workspaceId=${second.workspaceId}`))).toEqual([elsewhere]);
    expect(ids(await myTasks(t, me.caller, `today=2026-01-01&workspaceId=${first.workspaceId}`))).not.toContain(elsewhere);
    // The colleague's list holds only the colleague's task.
    expect((await myTasks(t, colleague.caller)).map((i) => i.title)).toEqual(['Not mine']);

    for (const bad of ['2026-02-30', 'tomorrow', '2026-3-10', '10/03/2026']) {
      const response = await myTasksResponse(t, me.caller, `today=${encodeURIComponent(bad)}`);
      expect(response.statusCode, bad).toBe(400);
      expect(errorPaths(response), bad).toEqual(['/querystring/today']);
    }

    // Removed from the second workspace: its task leaves my list at once.
    await removeMember(second.caller, second.workspaceId, me.id);
    const afterRemoval = await myTasks(t, me.caller, 'today=2026-03-10');
    expect(ids(afterRemoval)).not.toContain(elsewhere);
    expect(ids(afterRemoval)).toHaveLength(6);
    expect(await myTasks(t, me.caller, `workspaceId=${second.workspaceId}`)).toEqual([]);
    expectSameAs(await readTask(t, me.caller, elsewhere), await missing(me.caller));
  });

  it("follows a guest's memberships: a guest removed from one workspace keeps only the other's tasks", async () => {
    const first = await workspace();
    const second = await workspace();
    const guest = await inviteAndAccept(t, first.caller, first.workspaceId);
    await addMember(t, second.workspaceId, guest.id, 'guest', { sponsorId: second.id });
    const here = await createTask(t, first.caller, first.workspaceId, { title: 'Here', dueOn: '2026-03-11', assigneeIds: [guest.id] });
    const there = await createTask(t, second.caller, second.workspaceId, { title: 'There', dueOn: '2026-03-12', assigneeIds: [guest.id] });
    expect((await myTasks(t, guest.caller, 'today=2026-03-10')).map((i) => [i.id, i.group])).toEqual([
      [here.id, 'this_week'],
      [there.id, 'this_week'],
    ]);
    await removeMember(second.caller, second.workspaceId, guest.id);
    expect(ids(await myTasks(t, guest.caller, 'today=2026-03-10'))).toEqual([here.id]);
    expectSameAs(await readTask(t, guest.caller, there.id), await missing(guest.caller));
  });
});

describe('the audit trail', () => {
  it('records task.created, task.updated, task.status_changed and task.item_ticked with the actor and the workspace', async () => {
    const manager = await workspace();
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const task = await createTask(t, manager.caller, manager.workspaceId, {
      title: 'Audited',
      assigneeIds: [guest.id],
      checklist: [{ text: 'Step' }],
    });
    expect((await patchTask(t, manager.caller, task.id, { title: 'Audited, renamed' })).statusCode).toBe(200);
    expect((await tick(t, guest.caller, task.id, task.checklist[0]?.id ?? '', true)).statusCode).toBe(200);
    expect((await patchTask(t, guest.caller, task.id, { status: 'done' })).statusCode).toBe(200);

    const row = (actorId: string, action: string) => ({
      actor_id: actorId,
      action,
      target_type: 'task',
      target_id: task.id,
      workspace_id: manager.workspaceId,
    });
    const created = await auditOf(t, 'task.created', task.id);
    expect(created).toEqual([expect.objectContaining(row(manager.id, 'task.created'))]);
    expect(JSON.parse(created[0]?.details ?? '{}')).toMatchObject({ title: 'Audited', visibility: 'shared', assigneeIds: [guest.id] });
    const updated = await auditOf(t, 'task.updated', task.id);
    expect(updated).toEqual([expect.objectContaining(row(manager.id, 'task.updated'))]);
    expect(JSON.parse(updated[0]?.details ?? '{}')).toMatchObject({ title: 'Audited, renamed' });
    const ticked = await auditOf(t, 'task.item_ticked', task.id);
    expect(ticked).toEqual([expect.objectContaining(row(guest.id, 'task.item_ticked'))]);
    expect(JSON.parse(ticked[0]?.details ?? '{}')).toMatchObject({ itemId: task.checklist[0]?.id, done: true });
    const status = await auditOf(t, 'task.status_changed', task.id);
    expect(status).toEqual([expect.objectContaining(row(guest.id, 'task.status_changed'))]);
    expect(JSON.parse(status[0]?.details ?? '{}')).toMatchObject({ status: 'done', previousStatus: 'open' });

    // Refused changes leave no trace.
    expect((await patchTask(t, guest.caller, task.id, { title: 'Not allowed' })).statusCode).toBe(403);
    expect((await patchTask(t, manager.caller, task.id, { title: 'Stale' }, { 'if-match': task.etag })).statusCode).toBe(412);
    expect(await auditOf(t, 'task.updated', task.id)).toHaveLength(1);
  });
});
