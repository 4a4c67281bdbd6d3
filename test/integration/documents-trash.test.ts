import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocumentCleanup } from '../../src/server/jobs/document-cleanup.job.js';
import { newId } from '../../src/server/lib/ids.js';
import {
  blobFile,
  childrenOf,
  createFolder,
  documentOf,
  employeeIn,
  folderOf,
  sha256Of,
  storedFiles,
  trashOf,
  uploadFile,
} from '../support/documents.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

// The trash: what goes with a folder, what comes back, names taken meanwhile, who may see, restore
// and empty it, and the purge job with the bytes it leaves unreferenced.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;

const trashDocument = (caller: Caller, id: string) => call(t.app, 'DELETE', `/api/v1/documents/${id}`, undefined, caller);
const trashFolder = (caller: Caller, id: string) => call(t.app, 'DELETE', `/api/v1/folders/${id}`, undefined, caller);
const restoreDocument = (caller: Caller, id: string) => call(t.app, 'POST', `/api/v1/documents/${id}/restore`, undefined, caller);
const restoreFolder = (caller: Caller, id: string) => call(t.app, 'POST', `/api/v1/folders/${id}/restore`, undefined, caller);
const status = async (caller: Caller, url: string) => (await call(t.app, 'GET', url, undefined, caller)).statusCode;

function expect204(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(204);
}

describe('documents', () => {
  it('a trashed document leaves its folder and answers 404; restoring brings it back', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await employeeIn(t, manager.workspaceId, 'member');
    const folder = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Offers' });
    const document = await uploadFile(t, manager.caller, folder.id, 'offer.txt', 'the offer');
    await uploadFile(t, manager.caller, folder.id, 'other.txt', 'another');

    expect204(await trashDocument(member.caller, document.id));
    expect((await childrenOf(t, manager.caller, folder.id)).documentNames).toEqual(['other.txt']);
    const unknown = await call(t.app, 'GET', `/api/v1/documents/${newId()}`, undefined, manager.caller);
    const gone = await call(t.app, 'GET', `/api/v1/documents/${document.id}`, undefined, manager.caller);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toBe(unknown.body);
    expect(await status(manager.caller, `/api/v1/documents/${document.id}/content`)).toBe(404);
    expect((await trashDocument(manager.caller, document.id)).statusCode).toBe(404);

    const trash = await trashOf(t, member.caller, manager.workspaceId);
    expect(trash).toMatchObject([
      { kind: 'document', id: document.id, name: 'offer.txt', path: [{ id: folder.id, name: 'Offers' }], deletedBy: { id: member.id } },
    ]);

    const restored = await restoreDocument(member.caller, document.id);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ id: document.id, name: 'offer.txt', folderId: folder.id });
    expect((await childrenOf(t, manager.caller, folder.id)).documentNames).toEqual(['offer.txt', 'other.txt']);
    expect((await call(t.app, 'GET', `/api/v1/documents/${document.id}/content`, undefined, manager.caller)).body).toBe('the offer');
    expect(await trashOf(t, manager.caller, manager.workspaceId)).toEqual([]);
    // Not in the trash any more: nothing to restore.
    expect((await restoreDocument(manager.caller, document.id)).statusCode).toBe(404);
  });

  it('restores under a numbered name when the name was taken meanwhile', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const folder = await createFolder(t, manager.caller, ws, { name: 'Plans' });
    const old = await uploadFile(t, manager.caller, folder.id, 'plan.txt', 'old plan');
    expect204(await trashDocument(manager.caller, old.id));
    const replacement = await uploadFile(t, manager.caller, folder.id, 'plan.txt', 'new plan');
    expect(replacement.id).not.toBe(old.id);
    expect(replacement.version).toBe(1);

    const restored = await restoreDocument(manager.caller, old.id);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().name).toBe('plan (2).txt');
    expect((await childrenOf(t, manager.caller, folder.id)).documentNames).toEqual(['plan (2).txt', 'plan.txt']);

    // Folders too.
    const reports = await createFolder(t, manager.caller, ws, { name: 'Reports' });
    expect204(await trashFolder(manager.caller, reports.id));
    await createFolder(t, manager.caller, ws, { name: 'reports' });
    const back = await restoreFolder(manager.caller, reports.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().name).toBe('Reports (2)');
  });
});

describe('folders', () => {
  it('a trashed folder takes its subtree along and brings back what went with it, not what was trashed before', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const top = await createFolder(t, manager.caller, ws, { name: 'Project' });
    const sub = await createFolder(t, manager.caller, ws, { name: 'Phase 1', parentId: top.id });
    const deep = await createFolder(t, manager.caller, ws, { name: 'Drawings', parentId: sub.id });
    const inTop = await uploadFile(t, manager.caller, top.id, 'overview.txt', 'overview');
    const inSub = await uploadFile(t, manager.caller, sub.id, 'schedule.txt', 'schedule');
    const inDeep = await uploadFile(t, manager.caller, deep.id, 'plan.txt', 'plan');
    const earlier = await uploadFile(t, manager.caller, sub.id, 'obsolete.txt', 'obsolete');

    expect204(await trashDocument(manager.caller, earlier.id));
    expect204(await trashFolder(manager.caller, sub.id));

    expect(await childrenOf(t, manager.caller, top.id)).toMatchObject({ folderNames: [], documentNames: ['overview.txt'] });
    for (const id of [sub.id, deep.id]) expect(await status(manager.caller, `/api/v1/folders/${id}`)).toBe(404);
    for (const d of [inSub, inDeep, earlier]) expect(await status(manager.caller, `/api/v1/documents/${d.id}`)).toBe(404);
    expect(await status(manager.caller, `/api/v1/documents/${inTop.id}`)).toBe(200);

    // Only what was trashed on its own is listed; the rest went along with its folder.
    const trash = await trashOf(t, manager.caller, ws);
    expect(trash.map((i) => [i.kind, i.id]).sort()).toEqual(
      [
        ['document', earlier.id],
        ['folder', sub.id],
      ].sort(),
    );
    expect(trash.find((i) => i.id === sub.id)?.path).toEqual([{ id: top.id, name: 'Project' }]);
    // What went along is restored with its folder, not on its own.
    expect((await restoreFolder(manager.caller, deep.id)).statusCode).toBe(404);
    expect((await restoreDocument(manager.caller, inDeep.id)).statusCode).toBe(404);

    const restored = await restoreFolder(manager.caller, sub.id);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ id: sub.id, name: 'Phase 1', parentId: top.id });
    expect((await childrenOf(t, manager.caller, top.id)).folderNames).toEqual(['Phase 1']);
    expect(await childrenOf(t, manager.caller, sub.id)).toMatchObject({ folderNames: ['Drawings'], documentNames: ['schedule.txt'] });
    expect((await childrenOf(t, manager.caller, deep.id)).documentNames).toEqual(['plan.txt']);
    expect((await call(t.app, 'GET', `/api/v1/documents/${inDeep.id}/content`, undefined, manager.caller)).body).toBe('plan');

    // The document trashed on its own before stays in the trash until restored by itself.
    expect(await status(manager.caller, `/api/v1/documents/${earlier.id}`)).toBe(404);
    expect((await trashOf(t, manager.caller, ws)).map((i) => i.id)).toEqual([earlier.id]);
    expect((await restoreDocument(manager.caller, earlier.id)).statusCode).toBe(200);
    expect((await childrenOf(t, manager.caller, sub.id)).documentNames).toEqual(['obsolete.txt', 'schedule.txt']);
  });

  it('refuses with 409 to restore a document or folder whose parent folder is in the trash', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const top = await createFolder(t, manager.caller, ws, { name: 'Top' });
    const child = await createFolder(t, manager.caller, ws, { name: 'Child', parentId: top.id });
    const document = await uploadFile(t, manager.caller, top.id, 'alone.txt', 'alone');
    expect204(await trashDocument(manager.caller, document.id));
    expect204(await trashFolder(manager.caller, child.id));
    expect204(await trashFolder(manager.caller, top.id));

    expect((await restoreDocument(manager.caller, document.id)).statusCode).toBe(409);
    expect((await restoreFolder(manager.caller, child.id)).statusCode).toBe(409);
    expect(await status(manager.caller, `/api/v1/documents/${document.id}`)).toBe(404);
    expect(await status(manager.caller, `/api/v1/folders/${child.id}`)).toBe(404);

    expect((await restoreFolder(manager.caller, top.id)).statusCode).toBe(200);
    expect((await restoreDocument(manager.caller, document.id)).statusCode).toBe(200);
    expect((await restoreFolder(manager.caller, child.id)).statusCode).toBe(200);
    expect(await childrenOf(t, manager.caller, top.id)).toMatchObject({ folderNames: ['Child'], documentNames: ['alone.txt'] });
  });

  it('a trashed folder frees its name', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Minutes' });
    expect204(await trashFolder(manager.caller, folder.id));
    const again = await createFolder(t, manager.caller, manager.workspaceId, { name: 'minutes' });
    expect(again.id).not.toBe(folder.id);
  });
});

describe('the trash list and who may use it', () => {
  it('lists roots with who trashed them and when they will be purged: 30 days after', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const folder = await createFolder(t, manager.caller, ws, { name: 'Old' });
    const document = await uploadFile(t, manager.caller, folder.id, 'old.txt', 'old');
    const other = await createFolder(t, manager.caller, ws, { name: 'Other' });
    const loose = await uploadFile(t, manager.caller, other.id, 'loose.txt', 'loose');
    expect204(await trashDocument(manager.caller, loose.id));
    expect204(await trashFolder(manager.caller, folder.id));

    const trash = await trashOf(t, manager.caller, ws);
    expect(trash.map((i) => i.id)).toEqual([folder.id, loose.id]); // newest first
    expect(trash.map((i) => i.id)).not.toContain(document.id);
    for (const item of trash) {
      expect(item.deletedBy).toEqual({ id: manager.id, name: manager.name });
      expect(Date.parse(item.purgeAt) - Date.parse(item.deletedAt)).toBe(30 * DAY_MS);
    }
    expect(trash[0]).toMatchObject({ kind: 'folder', name: 'Old', path: [] });
    expect(trash[1]).toMatchObject({ kind: 'document', name: 'loose.txt', path: [{ id: other.id, name: 'Other' }] });
  });

  it('is for employees: a guest may trash in an edit folder but never sees or restores the trash', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const edit = await createFolder(t, manager.caller, ws, { name: 'Edit', guestAccess: 'edit' });
    const view = await createFolder(t, manager.caller, ws, { name: 'View', guestAccess: 'view' });
    const theirs = await uploadFile(t, manager.caller, edit.id, 'theirs.txt', 'x');
    const readOnly = await uploadFile(t, manager.caller, view.id, 'read-only.txt', 'x');
    const folder = await createFolder(t, manager.caller, ws, { name: 'Trashed folder', guestAccess: 'view' });
    expect204(await trashFolder(manager.caller, folder.id));

    expect((await trashDocument(guest.caller, readOnly.id)).statusCode).toBe(403);
    expect204(await trashDocument(guest.caller, theirs.id));
    expect((await childrenOf(t, guest.caller, edit.id)).documentNames).toEqual([]);

    // The list and emptying it: the guest is in the workspace but may not use its trash.
    expect((await call(t.app, 'GET', `/api/v1/workspaces/${ws}/trash`, undefined, guest.caller)).statusCode).toBe(403);
    expect((await call(t.app, 'DELETE', `/api/v1/workspaces/${ws}/trash`, undefined, guest.caller)).statusCode).toBe(403);
    // A trashed item is unknown to them, even one they trashed themselves.
    const unknownDocument = await restoreDocument(guest.caller, newId());
    const unknownFolder = await restoreFolder(guest.caller, newId());
    for (const [response, unknown] of [
      [await restoreDocument(guest.caller, theirs.id), unknownDocument],
      [await restoreFolder(guest.caller, folder.id), unknownFolder],
    ] as const) {
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(unknown.body);
    }
    // Still in the trash, untouched.
    expect((await trashOf(t, manager.caller, ws)).map((i) => i.id).sort()).toEqual([folder.id, theirs.id].sort());
    expect((await trashOf(t, manager.caller, ws)).find((i) => i.id === theirs.id)?.deletedBy?.id).toBe(guest.id);
  });

  it('only managers empty the trash; emptying removes the rows for good', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const member = await employeeIn(t, ws, 'member');
    const folder = await createFolder(t, manager.caller, ws, { name: 'Folder' });
    const sub = await createFolder(t, manager.caller, ws, { name: 'Sub', parentId: folder.id });
    const inSub = await uploadFile(t, manager.caller, sub.id, 'in-sub.txt', 'in sub');
    const kept = await uploadFile(t, manager.caller, folder.id, 'kept.txt', 'kept');
    const loose = await uploadFile(t, manager.caller, folder.id, 'loose.txt', 'loose');
    expect204(await trashDocument(member.caller, loose.id));
    expect204(await trashFolder(member.caller, sub.id));

    const refused = await call(t.app, 'DELETE', `/api/v1/workspaces/${ws}/trash`, undefined, member.caller);
    expect(refused.statusCode).toBe(403);
    expect((await trashOf(t, member.caller, ws)).length).toBe(2);

    expect204(await call(t.app, 'DELETE', `/api/v1/workspaces/${ws}/trash`, undefined, manager.caller));
    expect(await trashOf(t, manager.caller, ws)).toEqual([]);
    const ids = [loose.id, inSub.id];
    expect(await t.ctx.db.selectFrom('documents').select('id').where('id', 'in', ids).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('document_versions').select('id').where('document_id', 'in', ids).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('folders').select('id').where('id', '=', sub.id).execute()).toEqual([]);
    expect((await restoreDocument(manager.caller, loose.id)).statusCode).toBe(404);
    expect((await restoreFolder(manager.caller, sub.id)).statusCode).toBe(404);

    // What was not in the trash is untouched.
    expect((await documentOf(t, member.caller, kept.id)).name).toBe('kept.txt');
    expect((await childrenOf(t, member.caller, folder.id)).documentNames).toEqual(['kept.txt']);
  });

  it('an archived workspace shows its trash but neither restores nor empties it', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const folder = await createFolder(t, manager.caller, ws, { name: 'Folder' });
    const document = await uploadFile(t, manager.caller, folder.id, 'gone.txt', 'gone');
    const sub = await createFolder(t, manager.caller, ws, { name: 'Sub', parentId: folder.id });
    expect204(await trashDocument(manager.caller, document.id));
    expect204(await trashFolder(manager.caller, sub.id));
    expect((await call(t.app, 'POST', `/api/v1/workspaces/${ws}/archive`, undefined, manager.caller)).statusCode).toBe(200);

    expect((await trashOf(t, manager.caller, ws)).length).toBe(2);
    expect((await restoreDocument(manager.caller, document.id)).statusCode).toBe(409);
    expect((await restoreFolder(manager.caller, sub.id)).statusCode).toBe(409);
    expect((await call(t.app, 'DELETE', `/api/v1/workspaces/${ws}/trash`, undefined, manager.caller)).statusCode).toBe(409);
    expect((await trashOf(t, manager.caller, ws)).length).toBe(2);
    expect((await folderOf(t, manager.caller, folder.id)).abilities).toEqual(['read']);
  });
});

describe('the cleanup job', () => {
  let job: TestApp;
  beforeAll(async () => {
    job = await startTestApp();
  });
  afterAll(async () => {
    await job.close();
  });

  it('purges trash older than 30 days and then the bytes nothing refers to any more', async () => {
    const manager = await managerWithWorkspace(job);
    const ws = manager.workspaceId;
    const folder = await createFolder(job, manager.caller, ws, { name: 'Folder' });
    const sub = await createFolder(job, manager.caller, ws, { name: 'Sub', parentId: folder.id });
    const shared = Buffer.from(`bytes in the trash and outside it ${newId()}`);
    const kept = await uploadFile(job, manager.caller, folder.id, 'kept.txt', `kept ${newId()}`);
    const keptTwin = await uploadFile(job, manager.caller, folder.id, 'twin-live.txt', shared);
    const twin = await uploadFile(job, manager.caller, sub.id, 'twin-trashed.txt', shared);
    const gone = await uploadFile(job, manager.caller, folder.id, 'gone.txt', `gone v1 ${newId()}`);
    const goneV2 = await uploadFile(job, manager.caller, folder.id, 'gone.txt', `gone v2 ${newId()}`);
    const goneV1Sha = (
      await job.ctx.db
        .selectFrom('document_versions')
        .select('sha256')
        .where('document_id', '=', gone.id)
        .where('number', '=', 1)
        .executeTakeFirstOrThrow()
    ).sha256;
    const call_ = (method: 'DELETE', url: string) => call(job.app, method, url, undefined, manager.caller);
    expect((await call_('DELETE', `/api/v1/documents/${gone.id}`)).statusCode).toBe(204);
    expect((await call_('DELETE', `/api/v1/folders/${sub.id}`)).statusCode).toBe(204);
    const trashed = await trashOf(job, manager.caller, ws);
    expect(trashed.length).toBe(2);
    const latest = Math.max(...trashed.map((i) => Date.parse(i.deletedAt)));

    // 29 days on, nothing is due.
    const early = await runDocumentCleanup(job.ctx, { now: new Date(latest + 29 * DAY_MS), blobGraceMs: 0 });
    expect(early).toMatchObject({ documents: 0, folders: 0, blobsRemoved: 0 });
    expect((await trashOf(job, manager.caller, ws)).length).toBe(2);

    // 31 days on, the trash is purged and with it the bytes only it referred to.
    const due = await runDocumentCleanup(job.ctx, { now: new Date(latest + 31 * DAY_MS), blobGraceMs: 0 });
    expect(due).toMatchObject({ documents: 2, folders: 1, blobsRemoved: 2 });
    expect(await trashOf(job, manager.caller, ws)).toEqual([]);
    expect(await job.ctx.db.selectFrom('documents').select('id').where('id', 'in', [gone.id, twin.id]).execute()).toEqual([]);
    expect(existsSync(blobFile(job, goneV1Sha))).toBe(false);
    expect(existsSync(blobFile(job, goneV2.sha256))).toBe(false);
    for (const live of [kept, keptTwin]) {
      expect(existsSync(blobFile(job, live.sha256))).toBe(true);
      expect((await call(job.app, 'GET', `/api/v1/documents/${live.id}/content`, undefined, manager.caller)).statusCode).toBe(200);
    }
    expect(keptTwin.sha256).toBe(sha256Of(shared));
    expect(await childrenOf(job, manager.caller, folder.id)).toMatchObject({
      folderNames: [],
      documentNames: ['kept.txt', 'twin-live.txt'],
    });
  });

  it('at start drops every temporary file and, past the grace period, blobs no version refers to', async () => {
    const manager = await managerWithWorkspace(job);
    const folder = await createFolder(job, manager.caller, manager.workspaceId);
    const live = await uploadFile(job, manager.caller, folder.id, 'live.txt', `live ${newId()}`);
    const root = path.join(job.config.dataDir, 'files');
    writeFileSync(path.join(root, 'tmp', `${newId()}.part`), 'half an upload');
    const stray = sha256Of(`stray ${newId()}`);
    mkdirSync(path.dirname(blobFile(job, stray)), { recursive: true });
    writeFileSync(blobFile(job, stray), 'bytes of a crashed upload');

    // Within the grace period an unreferenced blob may be an upload about to commit: kept.
    await runDocumentCleanup(job.ctx, {});
    expect(existsSync(blobFile(job, stray))).toBe(true);

    await runDocumentCleanup(job.ctx, { atStart: true, blobGraceMs: 0 });
    const files = storedFiles(job);
    expect(files.tmp).toEqual([]);
    expect(files.blobs).toContain(`${live.sha256.slice(0, 2)}/${live.sha256}`);
    expect(existsSync(blobFile(job, stray))).toBe(false);
  });
});
