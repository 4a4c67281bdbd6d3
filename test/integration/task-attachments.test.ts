import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolder, uploadFile } from '../support/documents.js';
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

type Attachment = { id: string; name: string };
const names = (task: { attachments: Attachment[] }) => task.attachments.map((a) => a.name);

describe('documents attached to tasks', () => {
  it('attaches shared and internal documents; the guest sees only the shared one, and a trashed one vanishes', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const shared = await createFolder(t, manager.caller, manager.workspaceId, { visibility: 'shared', guestAccess: 'view' });
    const internal = await createFolder(t, manager.caller, manager.workspaceId, { visibility: 'internal' });
    const drawing = await uploadFile(t, manager.caller, shared.id, 'drawing.txt', 'the drawing');
    const costs = await uploadFile(t, manager.caller, internal.id, 'costs.txt', 'the margin');
    const task = (
      await call(
        t.app,
        'POST',
        `/api/v1/workspaces/${manager.workspaceId}/tasks`,
        { title: 'Fit the seal', assigneeIds: [guest.id] },
        manager.caller,
      )
    ).json();

    for (const document of [drawing, costs]) {
      const attached = await call(t.app, 'POST', `/api/v1/tasks/${task.id}/attachments`, { documentId: document.id }, manager.caller);
      expect(attached.statusCode, attached.body).toBe(200);
    }
    const again = await call(t.app, 'POST', `/api/v1/tasks/${task.id}/attachments`, { documentId: drawing.id }, manager.caller);
    expect(names(again.json())).toEqual(['drawing.txt', 'costs.txt']);
    expect((await auditOf(t, 'task.document_attached', task.id)).length).toBe(2);

    const seenByGuest = (await call(t.app, 'GET', `/api/v1/tasks/${task.id}`, undefined, guest.caller)).json();
    expect(names(seenByGuest)).toEqual(['drawing.txt']);
    const mine = (await call(t.app, 'GET', '/api/v1/me/tasks', undefined, guest.caller)).json().items;
    expect(JSON.stringify(mine)).not.toContain('costs.txt');
    // An assigned guest moves the task along but does not rearrange it.
    expect((await call(t.app, 'DELETE', `/api/v1/tasks/${task.id}/attachments/${drawing.id}`, undefined, guest.caller)).statusCode).toBe(
      403,
    );

    expect((await call(t.app, 'DELETE', `/api/v1/documents/${drawing.id}`, undefined, manager.caller)).statusCode).toBe(204);
    expect(names((await call(t.app, 'GET', `/api/v1/tasks/${task.id}`, undefined, manager.caller)).json())).toEqual(['costs.txt']);
    const detached = await call(t.app, 'DELETE', `/api/v1/tasks/${task.id}/attachments/${costs.id}`, undefined, manager.caller);
    expect(detached.statusCode, detached.body).toBe(200);
    expect(names(detached.json())).toEqual([]);
    expect((await call(t.app, 'GET', `/api/v1/documents/${costs.id}`, undefined, manager.caller)).statusCode).toBe(200);
  });

  it('refuses a document of another workspace or one the caller cannot read, with one answer naming the field', async () => {
    const manager = await managerWithWorkspace(t);
    const other = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const foreign = await uploadFile(t, other.caller, (await createFolder(t, other.caller, other.workspaceId)).id, 'a.txt', 'a');
    const hidden = await uploadFile(
      t,
      manager.caller,
      (await createFolder(t, manager.caller, manager.workspaceId, { visibility: 'internal' })).id,
      'b.txt',
      'b',
    );
    // The guest wrote this task, so may change it: still no internal document for them.
    await call(t.app, 'PATCH', `/api/v1/workspaces/${manager.workspaceId}`, { guestSettings: { createTasks: true } }, manager.caller);
    const own = await call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/tasks`, { title: 'My question' }, guest.caller);
    expect(own.statusCode, own.body).toBe(201);
    const cases: [string, { caller: typeof guest.caller }][] = [
      [foreign.id, manager],
      ['no-such-document', manager],
      [hidden.id, guest],
    ];
    for (const [documentId, who] of cases) {
      const refused = await call(t.app, 'POST', `/api/v1/tasks/${own.json().id}/attachments`, { documentId }, who.caller);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors).toEqual([{ path: '/documentId', message: 'is not a document of this workspace' }]);
    }
  });

  it('attaches once when the same document is attached in parallel', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const document = await uploadFile(t, manager.caller, folder.id, 'plan.txt', 'plan');
    const task = (
      await call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/tasks`, { title: 'Parallel' }, manager.caller)
    ).json();
    const answers = await Promise.all(
      [1, 2, 3].map(() => call(t.app, 'POST', `/api/v1/tasks/${task.id}/attachments`, { documentId: document.id }, manager.caller)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(names((await call(t.app, 'GET', `/api/v1/tasks/${task.id}`, undefined, manager.caller)).json())).toEqual(['plan.txt']);
    expect((await auditOf(t, 'task.document_attached', task.id)).length).toBe(1);
  });
});
