import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, auditOf, enableExtranet, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

describe('tasks with a guest', () => {
  it('assigns a shared task with a checklist to a guest, who ticks it and confirms the work done; an internal task stays hidden', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const created = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/tasks`,
      {
        title: 'Replace the seal',
        assigneeIds: [guest.id],
        dueOn: '2026-11-20',
        checklist: [{ text: 'Drain the pump' }, { text: 'Fit the seal' }],
      },
      manager.caller,
    );
    expect(created.statusCode, created.body).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({ status: 'open', visibility: 'shared', assignees: [{ id: guest.id, name: guest.name }] });
    const internal = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/tasks`,
      { title: 'Margin check', visibility: 'internal' },
      manager.caller,
    );
    expect(internal.statusCode).toBe(201);
    // An internal task cannot be given to a guest.
    const refused = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/tasks`,
      { title: 'Secret', visibility: 'internal', assigneeIds: [guest.id] },
      manager.caller,
    );
    expect(refused.statusCode).toBe(400);

    const mine = (await call(t.app, 'GET', '/api/v1/me/tasks?today=2026-11-23', undefined, guest.caller)).json().items;
    expect(mine.map((i: { id: string; group: string }) => [i.id, i.group])).toEqual([[task.id, 'overdue']]);
    const listed = (await call(t.app, 'GET', `/api/v1/workspaces/${manager.workspaceId}/tasks`, undefined, guest.caller)).json().items;
    expect(listed.map((i: { title: string }) => i.title)).toEqual(['Replace the seal']);
    expect((await call(t.app, 'GET', `/api/v1/tasks/${internal.json().id}`, undefined, guest.caller)).statusCode).toBe(404);

    const ticked = await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}/checklist/${task.checklist[0].id}`, { done: true }, guest.caller);
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.json().checklist[0]).toMatchObject({ done: true, doneBy: { id: guest.id } });
    // The guest may move the status, not rewrite the task.
    expect((await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { title: 'Something else' }, guest.caller)).statusCode).toBe(403);
    const done = await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'done' }, guest.caller, {
      'if-match': ticked.headers.etag as string,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completedBy: { id: guest.id } });
    // A stale copy changes nothing.
    const stale = await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'open' }, manager.caller, {
      'if-match': created.headers.etag as string,
    });
    expect(stale.statusCode).toBe(412);
    expect((await call(t.app, 'GET', '/api/v1/me/tasks', undefined, guest.caller)).json().items).toEqual([]);
  });

  it('assigns no read-only viewer, and records nothing for a change that changes nothing', async () => {
    const manager = await managerWithWorkspace(t);
    const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
    const refused = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/tasks`,
      { title: 'Read the manual', assigneeIds: [viewer.id] },
      manager.caller,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ path: '/assigneeIds/0', message: 'is not a member of this workspace' }]);

    const created = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/tasks`,
      { title: 'Order spare parts' },
      manager.caller,
    );
    const id = created.json().id;
    for (const body of [{}, { status: 'open' }, { colour: 'red' }]) {
      const same = await call(t.app, 'PATCH', `/api/v1/tasks/${id}`, body, manager.caller);
      expect(same.statusCode).toBe(200);
      expect(same.headers.etag).toBe(created.headers.etag);
    }
    expect(await auditOf(t, 'task.updated', id)).toEqual([]);
    expect(await auditOf(t, 'task.status_changed', id)).toEqual([]);
  });

  it('pages My tasks by due date, undated last, without gaps or repeats', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const dues = [null, '2026-12-03', '2026-12-01', null, '2026-12-01', '2026-12-02'];
    for (const [i, dueOn] of dues.entries()) {
      const created = await call(
        t.app,
        'POST',
        `/api/v1/workspaces/${manager.workspaceId}/tasks`,
        { title: `Task ${i}`, dueOn, assigneeIds: [guest.id] },
        manager.caller,
      );
      expect(created.statusCode, created.body).toBe(201);
    }
    const all = (await call(t.app, 'GET', '/api/v1/me/tasks', undefined, guest.caller)).json();
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((i: { dueOn: string | null }) => i.dueOn)).toEqual([
      '2026-12-01',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      null,
      null,
    ]);
    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await call(t.app, 'GET', `/api/v1/me/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, guest.caller);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().items.length).toBeLessThanOrEqual(2);
      paged.push(...page.json().items.map((i: { id: string }) => i.id));
      cursor = page.json().nextCursor;
    }
    expect(paged).toEqual(all.items.map((i: { id: string }) => i.id));
    const forged = Buffer.from(JSON.stringify({ undated: 'x', due: '', id: '' })).toString('base64url');
    for (const cursor of ['nonsense', forged]) {
      const bad = await call(t.app, 'GET', `/api/v1/me/tasks?cursor=${cursor}`, undefined, guest.caller);
      expect(bad.statusCode, cursor).toBe(400);
      expect(bad.json().errors).toEqual([{ path: '/querystring/cursor', message: 'is not a cursor this list returned' }]);
    }
  });
});
