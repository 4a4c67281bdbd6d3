import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, createFolder, ONE_PIXEL_PNG, upload, uploadFile } from '../support/documents.js';
import { call } from '../support/http-client.js';
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

describe('folders and uploads', () => {
  it('uploads a file, adds a version for the same name, and downloads each version', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Manuals' });
    const first = await uploadFile(t, manager.caller, folder.id, 'manual.txt', 'first edition');
    expect(first).toMatchObject({ name: 'manual.txt', size: 13, version: 1, contentType: 'text/plain', previewable: false });
    const second = await uploadFile(t, manager.caller, folder.id, 'manual.txt', 'second edition!');
    expect(second.id).toBe(first.id);
    expect(second.version).toBe(2);
    const both = await uploadFile(t, manager.caller, folder.id, 'manual.txt', 'another manual', 'keep_both');
    expect(both.name).toBe('manual (2).txt');
    expect((await childrenOf(t, manager.caller, folder.id)).documentNames).toEqual(['manual (2).txt', 'manual.txt']);

    const current = await call(t.app, 'GET', `/api/v1/documents/${first.id}/content`, undefined, manager.caller);
    expect(current.statusCode).toBe(200);
    expect(current.body).toBe('second edition!');
    expect(current.headers['content-disposition']).toBe('attachment; filename="manual.txt"');
    expect(current.headers['x-content-type-options']).toBe('nosniff');
    expect(current.headers['content-security-policy']).toContain('sandbox');

    const versions = (await call(t.app, 'GET', `/api/v1/documents/${first.id}/versions`, undefined, manager.caller)).json().items;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const old = await call(t.app, 'GET', `/api/v1/documents/${first.id}/versions/${versions[1].id}/content`, undefined, manager.caller);
    expect(old.body).toBe('first edition');
    const ranged = await call(t.app, 'GET', `/api/v1/documents/${first.id}/content`, undefined, manager.caller, { range: 'bytes=7-13' });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.body).toBe('edition');
    expect(ranged.headers['content-range']).toBe('bytes 7-13/15');
  });

  it('keeps internal folders and other guests’ drop-box uploads away from a guest', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const dropBox = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Certificates', guestAccess: 'upload' });
    const internal = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Drafts', visibility: 'internal' });
    const a = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const b = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    await uploadFile(t, a.caller, dropBox.id, 'a.png', ONE_PIXEL_PNG);
    await uploadFile(t, b.caller, dropBox.id, 'b.txt', 'b');
    const top = (await call(t.app, 'GET', `/api/v1/workspaces/${manager.workspaceId}/folders`, undefined, a.caller)).json().items;
    expect(top.map((f: { name: string }) => f.name)).toEqual(['Certificates']);
    expect((await call(t.app, 'GET', `/api/v1/folders/${internal.id}`, undefined, a.caller)).statusCode).toBe(404);
    expect((await childrenOf(t, a.caller, dropBox.id)).documentNames).toEqual(['a.png']);
    expect((await childrenOf(t, manager.caller, dropBox.id)).documentNames).toEqual(['a.png', 'b.txt']);
    const refused = await upload(t, a.caller, `/api/v1/folders/${internal.id}/documents`, 'x.txt', 'x');
    expect(refused.statusCode).toBe(404);
  });
});
