import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolder, uploadFile } from '../support/documents.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

interface StreamItem {
  action: string;
  actor: { id: string; name: string } | null;
  target: { type: string; id: string; title: string; via?: string } | null;
}

async function streamOf(caller: Caller, workspaceId: string, query = ''): Promise<{ items: StreamItem[]; nextCursor: string | null }> {
  const response = await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}/activity-stream${query}`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const lines = (items: StreamItem[]) => items.map((i) => `${i.action} ${i.target?.title ?? ''}`.trim());

describe('the workspace activity stream', () => {
  it('tells each reader what changed, newest first, leaving out what they may not see', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const post = (url: string, body: unknown) => call(t.app, 'POST', url, body, manager.caller);
    const task = (await post(`/api/v1/workspaces/${ws}/tasks`, { title: 'Shared task', assigneeIds: [guest.id] })).json();
    const secret = (await post(`/api/v1/workspaces/${ws}/tasks`, { title: 'Secret task', visibility: 'internal' })).json();
    await post(`/api/v1/workspaces/${ws}/notes`, { title: 'Internal note', body: 'x', visibility: 'internal' });
    await post(`/api/v1/workspaces/${ws}/notes`, { title: 'Shared note', body: 'x' });
    const internalFolder = await createFolder(t, manager.caller, ws, { name: 'Costs', visibility: 'internal' });
    await uploadFile(t, manager.caller, internalFolder.id, 'margin.txt', 'm');
    await post(`/api/v1/tasks/${secret.id}/comments`, { body: 'Between us' });
    await post(`/api/v1/tasks/${task.id}/comments`, { body: 'Please start Monday' });
    const done = await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'done' }, guest.caller);
    expect(done.statusCode, done.body).toBe(200);

    const guestView = await streamOf(guest.caller, ws);
    expect(lines(guestView.items)).toEqual([
      'task.status_changed Shared task',
      'comment.created Shared task',
      'note.created Shared note',
      'task.created Shared task',
    ]);
    expect(guestView.items[0]?.actor).toEqual({ id: guest.id, name: guest.name });
    expect(JSON.stringify(guestView)).not.toMatch(/Secret|Internal|Costs|margin|Between us/);

    const managerView = await streamOf(manager.caller, ws);
    expect(lines(managerView.items)).toEqual([
      'task.status_changed Shared task',
      'comment.created Shared task',
      'comment.created Secret task',
      'document.uploaded margin.txt',
      'folder.created Costs',
      'note.created Shared note',
      'note.created Internal note',
      'task.created Secret task',
      'task.created Shared task',
      'member.joined',
    ]);
    // The guest joined; only those who may see the member list are told.
    expect(managerView.items.at(-1)?.actor).toEqual({ id: guest.id, name: guest.name });

    // Pages follow each other without gaps or repeats.
    const first = await streamOf(manager.caller, ws, '?limit=4');
    expect(first.items).toHaveLength(4);
    const second = await streamOf(manager.caller, ws, `?limit=10&cursor=${first.nextCursor}`);
    expect(lines([...first.items, ...second.items])).toEqual(lines(managerView.items));
  });

  it('answers 404 to someone outside the workspace, like a workspace that does not exist', async () => {
    const manager = await managerWithWorkspace(t);
    const other = await managerWithWorkspace(t);
    const outside = await call(t.app, 'GET', `/api/v1/workspaces/${manager.workspaceId}/activity-stream`, undefined, other.caller);
    const missing = await call(t.app, 'GET', '/api/v1/workspaces/no-such-workspace/activity-stream', undefined, other.caller);
    expect(outside.statusCode).toBe(404);
    expect({ ...outside.json(), instance: undefined }).toEqual({ ...missing.json(), instance: undefined });
  });

  it('keeps from guests what happened to an item while it was internal, its comments included, once it is shared', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const task = (
      await call(t.app, 'POST', `/api/v1/workspaces/${ws}/tasks`, { title: 'Draft offer', visibility: 'internal' }, manager.caller)
    ).json();
    await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { description: 'Their price is 30% over the market' }, manager.caller);
    const candid = await call(t.app, 'POST', `/api/v1/tasks/${task.id}/comments`, { body: 'Between us: too expensive' }, manager.caller);
    expect(candid.statusCode, candid.body).toBe(201);
    const shared = await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { visibility: 'shared', title: 'Offer' }, manager.caller);
    expect(shared.statusCode, shared.body).toBe(200);
    const open = await call(t.app, 'POST', `/api/v1/tasks/${task.id}/comments`, { body: 'Please send your offer' }, manager.caller);
    expect(open.statusCode, open.body).toBe(201);

    expect(lines((await streamOf(guest.caller, ws)).items)).toEqual(['comment.created Offer', 'task.updated Offer']);
    expect(lines((await streamOf(manager.caller, ws)).items).slice(0, 5)).toEqual([
      'comment.created Offer',
      'task.updated Offer',
      'comment.created Offer',
      'task.updated Offer',
      'task.created Offer',
    ]);
    const thread = (await call(t.app, 'GET', `/api/v1/tasks/${task.id}/comments`, undefined, guest.caller)).json();
    expect(thread.items.map((c: { body: string }) => c.body)).toEqual(['Please send your offer']);
    const all = (await call(t.app, 'GET', `/api/v1/tasks/${task.id}/comments`, undefined, manager.caller)).json();
    expect(all.items.map((c: { body: string }) => c.body)).toEqual(['Between us: too expensive', 'Please send your offer']);
    // Nor can the guest act on the comment they cannot see.
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${candid.json().id}`, undefined, guest.caller)).statusCode).toBe(404);
  });

  it('keeps from guests a comment edited while its item was internal, once the item is shared again', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const task = (await call(t.app, 'POST', `/api/v1/workspaces/${ws}/tasks`, { title: 'Offer' }, manager.caller)).json();
    const comment = (await call(t.app, 'POST', `/api/v1/tasks/${task.id}/comments`, { body: 'Send it Monday' }, manager.caller)).json();
    const visibility = async (value: string) =>
      expect((await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { visibility: value }, manager.caller)).statusCode).toBe(200);
    await visibility('internal');
    const edited = await call(t.app, 'PATCH', `/api/v1/comments/${comment.id}`, { body: 'Their price is too high' }, manager.caller);
    expect(edited.statusCode, edited.body).toBe(200);
    await visibility('shared');

    const thread = await call(t.app, 'GET', `/api/v1/tasks/${task.id}/comments`, undefined, guest.caller);
    expect(thread.statusCode).toBe(200);
    expect(thread.body).not.toContain('too high');
    // The comment is internal now, so its creation leaves the guest's stream too.
    expect(lines((await streamOf(guest.caller, ws)).items)).toEqual(['task.updated Offer', 'task.created Offer']);
    const all = (await call(t.app, 'GET', `/api/v1/tasks/${task.id}/comments`, undefined, manager.caller)).json();
    expect(all.items.map((c: { body: string }) => c.body)).toEqual(['Their price is too high']);
  });

  it('keeps from guests what happened in a folder while they could not see into it, once it is shared', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const bids = await createFolder(t, manager.caller, ws, { name: 'Bids', visibility: 'internal' });
    await createFolder(t, manager.caller, ws, { name: 'Rejected bids', parentId: bids.id });
    const early = await uploadFile(t, manager.caller, bids.id, 'early.txt', 'our limit is 40k');
    const renamed = await call(t.app, 'PATCH', `/api/v1/documents/${early.id}`, { name: 'first-bid.txt' }, manager.caller);
    expect(renamed.statusCode, renamed.body).toBe(200);
    const folder = await call(t.app, 'GET', `/api/v1/folders/${bids.id}`, undefined, manager.caller);
    const opened = await call(t.app, 'PATCH', `/api/v1/folders/${bids.id}`, { visibility: 'shared' }, manager.caller, {
      'if-match': folder.headers.etag as string,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    await uploadFile(t, manager.caller, bids.id, 'late.txt', 'please bid by Friday');

    expect(lines((await streamOf(guest.caller, ws)).items)).toEqual(['document.uploaded late.txt']);
    expect(lines((await streamOf(manager.caller, ws)).items).slice(0, 4)).toEqual([
      'document.uploaded late.txt',
      'document.updated first-bid.txt',
      'document.uploaded first-bid.txt',
      'folder.created Rejected bids',
    ]);
  });
});
