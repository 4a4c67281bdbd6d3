import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import {
  childrenOf,
  createFolder,
  documentOf,
  employeeIn,
  type FolderJson,
  folderOf,
  topFolderNames,
  upload,
  uploadFile,
} from '../support/documents.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, errorPaths, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

// Folders: nesting, inherited visibility and guest access, names, conflicts, and who may change them.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

const createRaw = (caller: Caller, workspaceId: string, body: Record<string, unknown>) =>
  call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/folders`, body, caller);

const patchFolder = (caller: Caller, id: string, body: Record<string, unknown>, ifMatch?: string) =>
  call(t.app, 'PATCH', `/api/v1/folders/${id}`, body, caller, ifMatch ? { 'if-match': ifMatch } : {});

const getFolder = (caller: Caller, id: string) => call(t.app, 'GET', `/api/v1/folders/${id}`, undefined, caller);

/** A 404 must be the very same bytes as the answer for an id that exists nowhere. */
function expectUnknown(response: LightMyRequestResponse, unknown: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(404);
  expect(unknown.statusCode).toBe(404);
  expect(response.body).toBe(unknown.body);
  expect(response.headers['content-type']).toBe(unknown.headers['content-type']);
}

describe('nesting', () => {
  it('nests folders and gives each its path from the top', async () => {
    const manager = await managerWithWorkspace(t);
    const top = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Projects', visibility: 'shared' });
    const middle = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Bridge', parentId: top.id });
    const leaf = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Drawings', parentId: middle.id });

    expect(top).toMatchObject({ parentId: null, path: [], workspaceId: manager.workspaceId });
    expect(leaf.parentId).toBe(middle.id);
    expect((await folderOf(t, manager.caller, leaf.id)).path).toEqual([
      { id: top.id, name: 'Projects' },
      { id: middle.id, name: 'Bridge' },
    ]);
    expect(await topFolderNames(t, manager.caller, manager.workspaceId)).toEqual(['Projects']);
    expect((await childrenOf(t, manager.caller, top.id)).folderNames).toEqual(['Bridge']);
    expect((await childrenOf(t, manager.caller, middle.id)).folderNames).toEqual(['Drawings']);
  });

  it('refuses a top-level folder without a visibility, naming the field, and creates nothing', async () => {
    const manager = await managerWithWorkspace(t);
    const response = await createRaw(manager.caller, manager.workspaceId, { name: 'No visibility' });
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['/visibility']);
    expect(await topFolderNames(t, manager.caller, manager.workspaceId)).toEqual([]);

    // A subfolder may leave it out: it inherits.
    const top = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Top', visibility: 'internal' });
    const sub = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Sub', parentId: top.id });
    expect(sub).toMatchObject({ ownVisibility: null, visibility: 'internal' });
  });

  it('refuses a parent from another workspace', async () => {
    const a = await managerWithWorkspace(t);
    const b = await managerWithWorkspace(t);
    const foreign = await createFolder(t, b.caller, b.workspaceId, { name: 'Theirs' });
    const response = await createRaw(a.caller, a.workspaceId, { name: 'Mine', parentId: foreign.id });
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['/parentId']);
    expect((await childrenOf(t, b.caller, foreign.id)).folderNames).toEqual([]);
  });
});

describe('inherited visibility and guest access', () => {
  it('a subfolder inherits both settings unless it sets its own, and nothing below a hidden folder opens up', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);

    const shared = await createFolder(t, manager.caller, ws, { name: 'Shared', visibility: 'shared' });
    expect(shared).toMatchObject({ visibility: 'shared', guestAccess: 'view', ownVisibility: 'shared', ownGuestAccess: null });
    const plain = await createFolder(t, manager.caller, ws, { name: 'Plain', parentId: shared.id });
    expect(plain).toMatchObject({ visibility: 'shared', guestAccess: 'view', ownVisibility: null, ownGuestAccess: null });
    const dropBox = await createFolder(t, manager.caller, ws, { name: 'Drop', parentId: shared.id, guestAccess: 'upload' });
    expect(dropBox).toMatchObject({ visibility: 'shared', guestAccess: 'upload', ownGuestAccess: 'upload' });
    const inDropBox = await createFolder(t, manager.caller, ws, { name: 'Inside', parentId: dropBox.id });
    expect(inDropBox).toMatchObject({ visibility: 'shared', guestAccess: 'upload', ownGuestAccess: null });

    // Below an internal folder everything is internal, whatever it says for itself.
    const internal = await createFolder(t, manager.caller, ws, { name: 'Internal', visibility: 'internal', guestAccess: 'edit' });
    expect(internal).toMatchObject({ visibility: 'internal', guestAccess: 'none' });
    const underInternal = await createFolder(t, manager.caller, ws, {
      name: 'Wants out',
      parentId: internal.id,
      visibility: 'shared',
      guestAccess: 'edit',
    });
    expect(underInternal).toMatchObject({ visibility: 'internal', guestAccess: 'none', ownVisibility: 'shared', ownGuestAccess: 'edit' });

    // Below a folder guests cannot enter, guests enter nothing.
    const closed = await createFolder(t, manager.caller, ws, { name: 'Closed', visibility: 'shared', guestAccess: 'none' });
    expect(closed).toMatchObject({ visibility: 'shared', guestAccess: 'none' });
    const underClosed = await createFolder(t, manager.caller, ws, { name: 'Opened', parentId: closed.id, guestAccess: 'view' });
    expect(underClosed).toMatchObject({ visibility: 'shared', guestAccess: 'none', ownGuestAccess: 'view' });

    // What the guest notices.
    expect(await topFolderNames(t, guest.caller, ws)).toEqual(['Shared']);
    expect((await childrenOf(t, guest.caller, shared.id)).folderNames).toEqual(['Drop', 'Plain']);
    expect((await childrenOf(t, guest.caller, dropBox.id)).folderNames).toEqual(['Inside']);
    const unknown = await getFolder(guest.caller, newId());
    for (const hidden of [internal, underInternal, closed, underClosed]) expectUnknown(await getFolder(guest.caller, hidden.id), unknown);
    for (const open of [shared, plain, dropBox, inDropBox]) expect((await getFolder(guest.caller, open.id)).statusCode).toBe(200);

    // Employees see everything.
    expect(await topFolderNames(t, manager.caller, ws)).toEqual(['Closed', 'Internal', 'Shared']);
    expect((await childrenOf(t, manager.caller, internal.id)).folderNames).toEqual(['Wants out']);
  });

  it('changing a parent carries the whole subtree: a guest loses and regains a subfolder and its documents', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const top = await createFolder(t, manager.caller, ws, { name: 'Deliveries', visibility: 'shared' });
    const sub = await createFolder(t, manager.caller, ws, { name: 'March', parentId: top.id });
    const leaf = await createFolder(t, manager.caller, ws, { name: 'Week 1', parentId: sub.id });
    const document = await uploadFile(t, manager.caller, leaf.id, 'plan.txt', 'the plan');

    const guestSees = async () => ({
      top: (await topFolderNames(t, guest.caller, ws)).includes('Deliveries'),
      sub: (await getFolder(guest.caller, sub.id)).statusCode,
      leaf: (await getFolder(guest.caller, leaf.id)).statusCode,
      document: (await call(t.app, 'GET', `/api/v1/documents/${document.id}`, undefined, guest.caller)).statusCode,
    });
    expect(await guestSees()).toEqual({ top: true, sub: 200, leaf: 200, document: 200 });

    const closed = await patchFolder(manager.caller, top.id, { guestAccess: 'none' }, (await folderOf(t, manager.caller, top.id)).etag);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ guestAccess: 'none', ownGuestAccess: 'none' });
    expect(await folderOf(t, manager.caller, leaf.id)).toMatchObject({ guestAccess: 'none', ownGuestAccess: null, visibility: 'shared' });
    expect(await guestSees()).toEqual({ top: false, sub: 404, leaf: 404, document: 404 });

    // null inherits; a shared top-level folder without its own level gives guests "view".
    const reopened = await patchFolder(manager.caller, top.id, { guestAccess: null });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ guestAccess: 'view', ownGuestAccess: null });
    expect(await guestSees()).toEqual({ top: true, sub: 200, leaf: 200, document: 200 });

    expect((await patchFolder(manager.caller, top.id, { visibility: 'internal' })).statusCode).toBe(200);
    expect(await folderOf(t, manager.caller, leaf.id)).toMatchObject({ visibility: 'internal', guestAccess: 'none' });
    expect(await guestSees()).toEqual({ top: false, sub: 404, leaf: 404, document: 404 });

    expect((await patchFolder(manager.caller, top.id, { visibility: 'shared' })).statusCode).toBe(200);
    expect(await guestSees()).toEqual({ top: true, sub: 200, leaf: 200, document: 200 });

    // A level set in the middle reaches the documents below it.
    expect((await patchFolder(manager.caller, sub.id, { guestAccess: 'edit' })).statusCode).toBe(200);
    expect(await folderOf(t, manager.caller, leaf.id)).toMatchObject({ guestAccess: 'edit', ownGuestAccess: null });
    expect((await documentOf(t, guest.caller, document.id)).abilities).toEqual(expect.arrayContaining(['update', 'trash']));
    // A subfolder cannot un-hide itself below a closed one.
    expect((await patchFolder(manager.caller, top.id, { guestAccess: 'none' })).statusCode).toBe(200);
    expect(await folderOf(t, manager.caller, leaf.id)).toMatchObject({ guestAccess: 'none' });
    expect(await guestSees()).toEqual({ top: false, sub: 404, leaf: 404, document: 404 });
  });

  it('moving a folder under an internal one hides it from guests; moving it back shows it again', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const shared = await createFolder(t, manager.caller, ws, { name: 'Shared', visibility: 'shared' });
    const internal = await createFolder(t, manager.caller, ws, { name: 'Internal', visibility: 'internal' });
    const moving = await createFolder(t, manager.caller, ws, { name: 'Moving', parentId: shared.id });
    expect((await getFolder(guest.caller, moving.id)).statusCode).toBe(200);

    const moved = await patchFolder(manager.caller, moving.id, { parentId: internal.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: internal.id, visibility: 'internal', path: [{ id: internal.id, name: 'Internal' }] });
    expect((await getFolder(guest.caller, moving.id)).statusCode).toBe(404);
    expect((await childrenOf(t, guest.caller, shared.id)).folderNames).toEqual([]);

    expect((await patchFolder(manager.caller, moving.id, { parentId: shared.id })).statusCode).toBe(200);
    expect((await getFolder(guest.caller, moving.id)).statusCode).toBe(200);
    expect((await childrenOf(t, guest.caller, shared.id)).folderNames).toEqual(['Moving']);
  });
});

describe('names and conflicts', () => {
  it('refuses a sibling with the same name regardless of case, on create, rename and move', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const reports = await createFolder(t, manager.caller, ws, { name: 'Reports', visibility: 'shared' });
    const clash = await createRaw(manager.caller, ws, { name: 'rEPORTS', visibility: 'internal' });
    expect(clash.statusCode).toBe(409);
    expect(await topFolderNames(t, manager.caller, ws)).toEqual(['Reports']);

    // The same name elsewhere is fine.
    const other = await createFolder(t, manager.caller, ws, { name: 'Other', visibility: 'shared' });
    const nested = await createFolder(t, manager.caller, ws, { name: 'reports', parentId: other.id });

    const rename = await patchFolder(manager.caller, other.id, { name: 'REPORTS' });
    expect(rename.statusCode).toBe(409);
    expect((await folderOf(t, manager.caller, other.id)).name).toBe('Other');

    const child = await createFolder(t, manager.caller, ws, { name: 'Reports', parentId: reports.id });
    const move = await patchFolder(manager.caller, child.id, { parentId: other.id });
    expect(move.statusCode).toBe(409);
    expect((await folderOf(t, manager.caller, child.id)).parentId).toBe(reports.id);
    expect((await childrenOf(t, manager.caller, other.id)).folderNames).toEqual([nested.name]);
  });

  it('refuses to move a folder into itself or below itself, and leaves it where it was', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const top = await createFolder(t, manager.caller, ws, { name: 'Top', visibility: 'shared' });
    const child = await createFolder(t, manager.caller, ws, { name: 'Child', parentId: top.id });
    const grandchild = await createFolder(t, manager.caller, ws, { name: 'Grandchild', parentId: child.id });

    for (const target of [top.id, child.id, grandchild.id]) {
      const response = await patchFolder(manager.caller, top.id, { parentId: target });
      expect(response.statusCode, target).toBe(400);
      expect(errorPaths(response)).toEqual(['/parentId']);
    }
    const itself = await patchFolder(manager.caller, child.id, { parentId: child.id });
    expect(itself.statusCode).toBe(400);

    expect((await folderOf(t, manager.caller, top.id)).parentId).toBeNull();
    expect((await folderOf(t, manager.caller, child.id)).parentId).toBe(top.id);
    expect((await folderOf(t, manager.caller, grandchild.id)).path.map((p) => p.name)).toEqual(['Top', 'Child']);
    expect(await topFolderNames(t, manager.caller, ws)).toEqual(['Top']);
  });

  it('normalises names to NFC and refuses separators, control and direction characters, and names over 255 bytes', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const decomposed = await createFolder(t, manager.caller, ws, { name: 'Cafe\u0301', visibility: 'shared' });
    expect(decomposed.name).toBe('Caf\u00e9');
    // The composed spelling is the same name.
    expect((await createRaw(manager.caller, ws, { name: 'caf\u00e9', visibility: 'shared' })).statusCode).toBe(409);

    const longest = `${'\u00e9'.repeat(127)}a`; // 255 bytes of UTF-8
    expect((await createRaw(manager.caller, ws, { name: longest, visibility: 'shared' })).statusCode).toBe(201);

    const refused = [
      'a/b',
      'a\\b',
      'bell\u0007',
      'tab\there',
      'del\u007f',
      'report\u202Etxt.exe',
      '\u2066isolate',
      `${'\u00e9'.repeat(128)}`,
    ];
    for (const name of refused) {
      const created = await createRaw(manager.caller, ws, { name, visibility: 'shared' });
      expect(created.statusCode, JSON.stringify(name)).toBe(400);
      expect(errorPaths(created)).toEqual(['/name']);
      const renamed = await patchFolder(manager.caller, decomposed.id, { name });
      expect(renamed.statusCode, JSON.stringify(name)).toBe(400);
      expect(errorPaths(renamed)).toEqual(['/name']);
    }
    expect((await topFolderNames(t, manager.caller, ws)).sort()).toEqual(['Caf\u00e9', longest].sort());
  });
});

describe('If-Match', () => {
  it('answers 412 to a change made on a stale copy and changes nothing', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const folder = await createFolder(t, manager.caller, ws, { name: 'Contracts', visibility: 'shared' });
    const loaded = await folderOf(t, manager.caller, folder.id);
    expect(loaded.etag).toMatch(/^".+"$/);

    const first = await patchFolder(manager.caller, folder.id, { name: 'Contracts 2026' }, loaded.etag);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).not.toBe(loaded.etag);

    const stale = await patchFolder(manager.caller, folder.id, { name: 'Overwritten', guestAccess: 'edit' }, loaded.etag);
    expect(stale.statusCode).toBe(412);
    const now = await folderOf(t, manager.caller, folder.id);
    expect(now).toMatchObject({ name: 'Contracts 2026', guestAccess: 'view', ownGuestAccess: null });
    expect(now.etag).toBe(first.headers.etag);

    const fresh = await patchFolder(manager.caller, folder.id, { guestAccess: 'edit' }, now.etag);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().guestAccess).toBe('edit');
  });
});

describe('who may change folders', () => {
  it('guests read folders but never create, change or trash them: 403 where they see it, 404 where they do not', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const viewer = await inviteAndAccept(t, manager.caller, ws, { role: 'viewer' });
    const editable = await createFolder(t, manager.caller, ws, { name: 'Edit', visibility: 'shared', guestAccess: 'edit' });
    const hidden = await createFolder(t, manager.caller, ws, { name: 'Hidden', visibility: 'internal' });
    expect((await folderOf(t, guest.caller, editable.id)).abilities.sort()).toEqual(['read', 'upload']);
    expect((await folderOf(t, viewer.caller, editable.id)).abilities).toEqual(['read']);

    const unknownPatch = await patchFolder(guest.caller, newId(), { name: 'x' });
    const unknownDelete = await call(t.app, 'DELETE', `/api/v1/folders/${newId()}`, undefined, guest.caller);
    for (const outsider of [guest, viewer]) {
      expect((await createRaw(outsider.caller, ws, { name: 'Guest top', visibility: 'shared' })).statusCode).toBe(403);
      expect((await createRaw(outsider.caller, ws, { name: 'Guest sub', parentId: editable.id })).statusCode).toBe(403);
      expect((await patchFolder(outsider.caller, editable.id, { name: 'Renamed by a guest' })).statusCode).toBe(403);
      expect((await patchFolder(outsider.caller, editable.id, { guestAccess: 'view' })).statusCode).toBe(403);
      expect((await call(t.app, 'DELETE', `/api/v1/folders/${editable.id}`, undefined, outsider.caller)).statusCode).toBe(403);
      expectUnknown(await patchFolder(outsider.caller, hidden.id, { name: 'Renamed by a guest' }), unknownPatch);
      expectUnknown(await call(t.app, 'DELETE', `/api/v1/folders/${hidden.id}`, undefined, outsider.caller), unknownDelete);
    }

    // Someone from another workspace sees nothing of this one.
    const elsewhere = await managerWithWorkspace(t);
    const stranger = await inviteAndAccept(t, elsewhere.caller, elsewhere.workspaceId);
    expect((await createRaw(stranger.caller, ws, { name: 'Stranger', visibility: 'shared' })).statusCode).toBe(404);
    expectUnknown(await patchFolder(stranger.caller, editable.id, { name: 'x' }), unknownPatch);

    // Nothing changed.
    expect(await topFolderNames(t, manager.caller, ws)).toEqual(['Edit', 'Hidden']);
    expect(await folderOf(t, manager.caller, editable.id)).toMatchObject({ name: 'Edit', guestAccess: 'edit' });
    expect((await childrenOf(t, manager.caller, editable.id)).folderNames).toEqual([]);

    // While an employee member arranges folders freely.
    const member = await employeeIn(t, ws, 'member');
    const made = await createFolder(t, member.caller, ws, { name: 'By a member', parentId: hidden.id });
    expect(made.abilities.sort()).toEqual(['create_folder', 'read', 'trash', 'update', 'upload']);
    expect((await patchFolder(member.caller, made.id, { name: 'Renamed by a member' })).statusCode).toBe(200);
  });

  it('an archived workspace keeps its folders readable and refuses every change with 409', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const folder = await createFolder(t, manager.caller, ws, { name: 'Archive me', visibility: 'shared', guestAccess: 'edit' });
    const sub = await createFolder(t, manager.caller, ws, { name: 'Sub', parentId: folder.id });
    const document = await uploadFile(t, manager.caller, folder.id, 'kept.txt', 'still here');
    const archived = await call(t.app, 'POST', `/api/v1/workspaces/${ws}/archive`, undefined, manager.caller);
    expect(archived.statusCode, archived.body).toBe(200);

    const changes: [string, LightMyRequestResponse][] = [
      ['create', await createRaw(manager.caller, ws, { name: 'New', visibility: 'shared' })],
      ['create sub', await createRaw(manager.caller, ws, { name: 'New', parentId: folder.id })],
      ['rename', await patchFolder(manager.caller, folder.id, { name: 'Renamed' })],
      ['settings', await patchFolder(manager.caller, folder.id, { guestAccess: 'none' })],
      ['trash', await call(t.app, 'DELETE', `/api/v1/folders/${sub.id}`, undefined, manager.caller)],
      ['upload', await upload(t, manager.caller, `/api/v1/folders/${folder.id}/documents`, 'new.txt', 'new')],
      ['guest upload', await upload(t, guest.caller, `/api/v1/folders/${folder.id}/documents`, 'new.txt', 'new')],
      ['new version', await upload(t, manager.caller, `/api/v1/documents/${document.id}/versions`, 'kept.txt', 'changed')],
      ['rename document', await call(t.app, 'PATCH', `/api/v1/documents/${document.id}`, { name: 'x.txt' }, manager.caller)],
      ['trash document', await call(t.app, 'DELETE', `/api/v1/documents/${document.id}`, undefined, manager.caller)],
    ];
    for (const [what, response] of changes) expect(response.statusCode, what).toBe(409);

    // Reading still works, and abilities offer nothing but reading.
    const read = await folderOf(t, manager.caller, folder.id);
    expect(read).toMatchObject({ name: 'Archive me', guestAccess: 'edit' });
    expect(read.abilities).toEqual(['read']);
    expect((await folderOf(t, guest.caller, folder.id)).abilities).toEqual(['read']);
    const children = await childrenOf(t, manager.caller, folder.id);
    expect(children.folderNames).toEqual(['Sub']);
    expect(children.documentNames).toEqual(['kept.txt']);
    for (const f of children.folders as FolderJson[]) expect(f.abilities).toEqual(['read']);
    const kept = await documentOf(t, manager.caller, document.id);
    expect(kept.abilities.sort()).toEqual(['access_report', 'download', 'read', 'read_versions']);
    expect((await documentOf(t, guest.caller, document.id)).abilities.sort()).toEqual(['download', 'read', 'read_versions']);
    const content = await call(t.app, 'GET', `/api/v1/documents/${document.id}/content`, undefined, guest.caller);
    expect(content.statusCode).toBe(200);
    expect(content.body).toBe('still here');
    expect(kept.version).toBe(1);
  });
});
