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

describe('notes', () => {
  it('keeps every saved state with who and when, restores one as a new version, and refuses a stale save', async () => {
    const manager = await managerWithWorkspace(t);
    const created = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/notes`,
      { title: 'Site rules', body: '# Rules\nWear a helmet.' },
      manager.caller,
    );
    expect(created.statusCode, created.body).toBe(201);
    const note = created.json();
    expect(note).toMatchObject({
      title: 'Site rules',
      version: 1,
      visibility: 'shared',
      abilities: ['read', 'update', 'read_history', 'restore'],
    });
    const saved = await call(t.app, 'PATCH', `/api/v1/notes/${note.id}`, { body: '# Rules\nWear a helmet and boots.' }, manager.caller, {
      'if-match': created.headers.etag as string,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(2);
    const stale = await call(t.app, 'PATCH', `/api/v1/notes/${note.id}`, { body: 'overwritten' }, manager.caller, {
      'if-match': created.headers.etag as string,
    });
    expect(stale.statusCode).toBe(412);
    const history = (await call(t.app, 'GET', `/api/v1/notes/${note.id}/versions`, undefined, manager.caller)).json().items;
    expect(history.map((v: { number: number; body: string }) => [v.number, v.body])).toEqual([
      [2, '# Rules\nWear a helmet and boots.'],
      [1, '# Rules\nWear a helmet.'],
    ]);
    expect(history[0].editedBy).toEqual({ id: manager.id, name: manager.name });
    const restored = await call(t.app, 'POST', `/api/v1/notes/${note.id}/versions/${history[1].id}/restore`, undefined, manager.caller);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, body: '# Rules\nWear a helmet.' });
    expect((await auditOf(t, 'note.restored', note.id)).length).toBe(1);
  });

  it('lets guests read shared notes and their shared history only; internal notes never reach them', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const post = (body: object) => call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/notes`, body, manager.caller);
    const shared = (await post({ title: 'Opening hours', body: 'Mon–Fri', visibility: 'internal' })).json();
    const internal = (await post({ title: 'Margins', body: 'secret', visibility: 'internal' })).json();
    // The first note was drafted internally, then shared.
    await call(t.app, 'PATCH', `/api/v1/notes/${shared.id}`, { body: 'Mon–Fri, 8–17', visibility: 'shared' }, manager.caller);

    const listed = (await call(t.app, 'GET', `/api/v1/workspaces/${manager.workspaceId}/notes`, undefined, guest.caller)).json().items;
    expect(listed.map((n: { title: string }) => n.title)).toEqual(['Opening hours']);
    const missing = await call(t.app, 'GET', '/api/v1/notes/00000000-0000-7000-8000-000000000000', undefined, guest.caller);
    const hidden = await call(t.app, 'GET', `/api/v1/notes/${internal.id}`, undefined, guest.caller);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    const history = (await call(t.app, 'GET', `/api/v1/notes/${shared.id}/versions`, undefined, guest.caller)).json().items;
    expect(history.map((v: { body: string }) => v.body)).toEqual(['Mon–Fri, 8–17']);
    expect((await call(t.app, 'PATCH', `/api/v1/notes/${shared.id}`, { body: 'guest edit' }, guest.caller)).statusCode).toBe(403);
    expect(
      (await call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/notes`, { title: 'x', body: '' }, guest.caller)).statusCode,
    ).toBe(403);
  });

  it('restores the words of a past version without changing who may read the note', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const note = (
      await call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/notes`, { title: 'Plan', body: 'first draft' }, manager.caller)
    ).json();
    await call(t.app, 'PATCH', `/api/v1/notes/${note.id}`, { body: 'internal figures', visibility: 'internal' }, manager.caller);
    const first = (await call(t.app, 'GET', `/api/v1/notes/${note.id}/versions`, undefined, manager.caller)).json().items.at(-1);
    const restored = await call(t.app, 'POST', `/api/v1/notes/${note.id}/versions/${first.id}/restore`, undefined, manager.caller);
    expect(restored.json()).toMatchObject({ body: 'first draft', visibility: 'internal', version: 3 });
    expect((await call(t.app, 'GET', `/api/v1/notes/${note.id}`, undefined, guest.caller)).statusCode).toBe(404);
  });
});
