import { connect } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocumentCleanup } from '../../src/server/jobs/document-cleanup.job.js';
import { newId } from '../../src/server/lib/ids.js';
import {
  blobFile,
  childrenOf,
  closedPortUrl,
  createFolder,
  type DocumentJson,
  documentOf,
  documentRowsNamed,
  EICAR,
  employeeIn,
  type FakeClamd,
  multipartParts,
  ONE_PIXEL_PNG,
  postBody,
  sha256Of,
  startFakeClamd,
  storedFiles,
  TINY_PDF,
  upload,
  uploadFile,
  versionsOf,
} from '../support/documents.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, errorPaths, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

// Uploads: names, versions, drop boxes, who may upload, detected types, limits, quotas and scanning.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

const intoFolder = (folderId: string, conflict?: 'keep_both') =>
  `/api/v1/folders/${folderId}/documents${conflict ? `?conflict=${conflict}` : ''}`;
const asVersion = (documentId: string) => `/api/v1/documents/${documentId}/versions`;

async function contentOf(app: TestApp, caller: Caller, url: string): Promise<Buffer> {
  const response = await call(app.app, 'GET', url, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.rawPayload;
}

describe('names', () => {
  it('adds a version for the same name (regardless of case), and keeps both as "name (n).ext" when asked', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const first = await uploadFile(t, manager.caller, folder.id, 'report.pdf', TINY_PDF);
    expect(first).toMatchObject({ name: 'report.pdf', version: 1, size: TINY_PDF.length });
    const second = await uploadFile(t, manager.caller, folder.id, 'REPORT.pdf', 'second');
    expect(second).toMatchObject({ id: first.id, name: 'report.pdf', version: 2, size: 6 });

    const kept = await uploadFile(t, manager.caller, folder.id, 'report.pdf', 'kept apart', 'keep_both');
    expect(kept.name).toBe('report (2).pdf');
    expect(kept.id).not.toBe(first.id);
    expect((await uploadFile(t, manager.caller, folder.id, 'report.pdf', 'third', 'keep_both')).name).toBe('report (3).pdf');
    await uploadFile(t, manager.caller, folder.id, 'README', 'a');
    expect((await uploadFile(t, manager.caller, folder.id, 'README', 'b', 'keep_both')).name).toBe('README (2)');

    expect((await childrenOf(t, manager.caller, folder.id)).documentNames).toEqual([
      'README',
      'README (2)',
      'report (2).pdf',
      'report (3).pdf',
      'report.pdf',
    ]);
    expect((await documentOf(t, manager.caller, first.id)).version).toBe(2);
    expect((await contentOf(t, manager.caller, `/api/v1/documents/${kept.id}/content`)).toString()).toBe('kept apart');
  });

  it('stores names in NFC, so both spellings of "é.txt" are one document', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const decomposed = await uploadFile(t, manager.caller, folder.id, 'e\u0301.txt', 'one');
    expect(decomposed.name).toBe('\u00e9.txt');
    const composed = await uploadFile(t, manager.caller, folder.id, '\u00e9.txt', 'two');
    expect(composed).toMatchObject({ id: decomposed.id, version: 2 });
    expect((await childrenOf(t, manager.caller, folder.id)).documentNames).toEqual(['\u00e9.txt']);
  });

  it('refuses separators, control and direction characters and names over 255 bytes, storing nothing', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const before = storedFiles(t).blobs;
    const refused = [
      'a/b.txt',
      'a\\b.txt',
      'a\u0001b.txt',
      'a\u007fb.txt',
      'a\u0085b.txt',
      'invoice\u202Efdp.exe',
      '\u200Fright.txt',
      `${'x'.repeat(252)}.txt`, // 256 bytes
      `${'\u00e9'.repeat(126)}.txt`, // 256 bytes, 130 characters
    ];
    for (const name of refused) {
      const response = await upload(t, manager.caller, intoFolder(folder.id), name, `bytes of ${name}`);
      expect(response.statusCode, JSON.stringify(name)).toBe(400);
      expect(errorPaths(response)).toEqual(['/file']);
    }
    expect(await documentRowsNamed(t, folder.id)).toEqual([]);
    expect(storedFiles(t)).toEqual({ tmp: [], blobs: before });

    const longest = `${'x'.repeat(251)}.txt`; // 255 bytes
    expect((await uploadFile(t, manager.caller, folder.id, longest, 'fits')).name).toBe(longest);

    // Renaming follows the same rule.
    const document = await uploadFile(t, manager.caller, folder.id, 'plain.txt', 'plain');
    for (const name of refused) {
      const response = await call(t.app, 'PATCH', `/api/v1/documents/${document.id}`, { name }, manager.caller);
      expect(response.statusCode, JSON.stringify(name)).toBe(400);
      expect(errorPaths(response)).toEqual(['/name']);
    }
    const renamed = await call(t.app, 'PATCH', `/api/v1/documents/${document.id}`, { name: 'Cafe\u0301.txt' }, manager.caller);
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Caf\u00e9.txt');
  });
});

describe('drop boxes and who may upload', () => {
  it("a guest's upload never becomes a version of another guest's document, nor reveals it", async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const dropBox = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Drop', guestAccess: 'upload' });
    const a = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const b = await inviteAndAccept(t, manager.caller, manager.workspaceId);

    const fromA = await uploadFile(t, a.caller, dropBox.id, 'certificate.pdf', 'from A');
    const fromB = await upload(t, b.caller, intoFolder(dropBox.id), 'certificate.pdf', 'from B');
    expect(fromB.statusCode, fromB.body).toBe(201);
    const bDocument = fromB.json() as DocumentJson;
    // Not a version of A's, not renamed around A's: as if A's did not exist.
    expect(bDocument).toMatchObject({ name: 'certificate.pdf', version: 1 });
    expect(bDocument.id).not.toBe(fromA.id);
    expect(fromB.body).not.toContain(fromA.id);
    expect(fromB.body).not.toContain(a.name);

    expect((await documentOf(t, a.caller, fromA.id)).version).toBe(1);
    expect((await contentOf(t, a.caller, `/api/v1/documents/${fromA.id}/content`)).toString()).toBe('from A');
    const seenByB = await childrenOf(t, b.caller, dropBox.id);
    expect(seenByB.documents.map((d) => d.id)).toEqual([bDocument.id]);

    // B cannot reach A's document to add a version either.
    const unknown = await upload(t, b.caller, asVersion(newId()), 'certificate.pdf', 'x');
    const refused = await upload(t, b.caller, asVersion(fromA.id), 'certificate.pdf', 'overwrite');
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toBe(unknown.body);

    // A's own same-named upload is a version of A's document.
    const again = await uploadFile(t, a.caller, dropBox.id, 'certificate.pdf', 'from A, again');
    expect(again).toMatchObject({ id: fromA.id, version: 2 });
    // "Keep both" numbers among one's own names only.
    expect((await uploadFile(t, b.caller, dropBox.id, 'certificate.pdf', 'B again', 'keep_both')).name).toBe('certificate (2).pdf');

    const all = await childrenOf(t, manager.caller, dropBox.id);
    expect(all.documentNames).toEqual(['certificate (2).pdf', 'certificate.pdf', 'certificate.pdf']);
    expect((await contentOf(t, manager.caller, `/api/v1/documents/${fromA.id}/content`)).toString()).toBe('from A, again');
  });

  it('guests upload only as a "guest" of a workspace that allows it, into upload or edit folders', async () => {
    const open = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const closed = await managerWithWorkspace(t, { guestSettings: { upload: false } });
    const folders = async (ws: string, caller: Caller) => ({
      view: await createFolder(t, caller, ws, { name: 'View', guestAccess: 'view' }),
      upload: await createFolder(t, caller, ws, { name: 'Upload', guestAccess: 'upload' }),
      edit: await createFolder(t, caller, ws, { name: 'Edit', guestAccess: 'edit' }),
      internal: await createFolder(t, caller, ws, { name: 'Internal', visibility: 'internal' }),
    });
    const inOpen = await folders(open.workspaceId, open.caller);
    const inClosed = await folders(closed.workspaceId, closed.caller);
    const guest = await inviteAndAccept(t, open.caller, open.workspaceId);
    const viewer = await inviteAndAccept(t, open.caller, open.workspaceId, { role: 'viewer' });
    const closedGuest = await inviteAndAccept(t, closed.caller, closed.workspaceId);
    const employeeFile = await uploadFile(t, open.caller, inOpen.view.id, 'shared.txt', 'by the company');
    const editFile = await uploadFile(t, open.caller, inOpen.edit.id, 'editable.txt', 'by the company');

    const cases: [string, Caller, string, number][] = [
      ['guest, upload folder', guest.caller, intoFolder(inOpen.upload.id), 201],
      ['guest, edit folder', guest.caller, intoFolder(inOpen.edit.id), 201],
      ['guest, view folder', guest.caller, intoFolder(inOpen.view.id), 403],
      ['guest, internal folder', guest.caller, intoFolder(inOpen.internal.id), 404],
      ['guest, new version in a view folder', guest.caller, asVersion(employeeFile.id), 403],
      ['guest, new version in an edit folder', guest.caller, asVersion(editFile.id), 201],
      ['viewer, upload folder', viewer.caller, intoFolder(inOpen.upload.id), 403],
      ['viewer, edit folder', viewer.caller, intoFolder(inOpen.edit.id), 403],
      ['viewer, new version', viewer.caller, asVersion(editFile.id), 403],
      ['guest of a workspace without uploads, upload folder', closedGuest.caller, intoFolder(inClosed.upload.id), 403],
      ['guest of a workspace without uploads, edit folder', closedGuest.caller, intoFolder(inClosed.edit.id), 403],
      ['guest of another workspace', closedGuest.caller, intoFolder(inOpen.upload.id), 404],
    ];
    for (const [label, caller, url, status] of cases) {
      const response = await upload(t, caller, url, `${label}.txt`, label);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
    }
    expect(await documentRowsNamed(t, inOpen.view.id)).toEqual(['shared.txt']);
    expect(await documentRowsNamed(t, inOpen.internal.id)).toEqual([]);
    expect(await documentRowsNamed(t, inOpen.upload.id)).toEqual(['guest, upload folder.txt']);
    expect(await documentRowsNamed(t, inClosed.upload.id)).toEqual([]);
    expect(await documentRowsNamed(t, inClosed.edit.id)).toEqual([]);
    expect((await documentOf(t, open.caller, employeeFile.id)).version).toBe(1);
    expect((await documentOf(t, open.caller, editFile.id)).version).toBe(2);
  });
});

describe('what is received', () => {
  it('detects the type from the bytes, never from the name', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const png = await uploadFile(t, manager.caller, folder.id, 'x.txt', ONE_PIXEL_PNG);
    expect(png).toMatchObject({ contentType: 'image/png', previewable: true, size: ONE_PIXEL_PNG.length });
    const pdf = await uploadFile(t, manager.caller, folder.id, 'notes.txt', TINY_PDF);
    expect(pdf).toMatchObject({ contentType: 'application/pdf', previewable: true });

    // HTML bytes named like an image, with the client claiming an image type for the part.
    const html = await postBody(
      t,
      manager.caller,
      intoFolder(folder.id),
      multipartParts([
        { field: 'file', filename: 'page.png', contentType: 'image/png', content: '<html><script>alert(1)</script></html>' },
      ]),
    );
    expect(html.statusCode, html.body).toBe(201);
    expect(html.json().contentType).not.toBe('image/png');
    expect(html.json().contentType).not.toBe('text/html');
    expect(html.json().previewable).toBe(false);
  });

  it('accepts an empty file', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const empty = await uploadFile(t, manager.caller, folder.id, 'empty.txt', '');
    expect(empty).toMatchObject({ name: 'empty.txt', size: 0, sha256: sha256Of(''), previewable: false });
    const content = await call(t.app, 'GET', `/api/v1/documents/${empty.id}/content`, undefined, manager.caller);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.length).toBe(0);
  });

  it('answers 415 to a body that is not multipart and 400 to one without a file part', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const url = intoFolder(folder.id);
    const json = await call(t.app, 'POST', url, { file: 'not a file' }, manager.caller);
    expect(json.statusCode).toBe(415);
    const raw = await postBody(t, manager.caller, url, { payload: 'raw bytes', contentType: 'application/octet-stream' });
    expect(raw.statusCode).toBe(415);
    const existing = await uploadFile(t, manager.caller, folder.id, 'existing.txt', 'existing');
    expect((await call(t.app, 'POST', asVersion(existing.id), { file: 'x' }, manager.caller)).statusCode).toBe(415);
    expect((await postBody(t, manager.caller, asVersion(existing.id), multipartParts([]))).statusCode).toBe(400);
    expect((await documentOf(t, manager.caller, existing.id)).version).toBe(1);

    const bodies = [
      multipartParts([{ field: 'note', content: 'only a field' }]),
      multipartParts([{ field: 'document', filename: 'wrong-field.txt', content: 'in the wrong part' }]),
      multipartParts([]),
    ];
    for (const body of bodies) {
      const response = await postBody(t, manager.caller, url, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(errorPaths(response)).toEqual(['/file']);
    }
    expect(await documentRowsNamed(t, folder.id)).toEqual(['existing.txt']);
  });

  it('stores identical bytes once, for any number of documents', async () => {
    const manager = await managerWithWorkspace(t);
    const other = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const elsewhere = await createFolder(t, other.caller, other.workspaceId);
    const bytes = Buffer.from(`the same bytes ${newId()}`);
    const before = storedFiles(t).blobs;
    const one = await uploadFile(t, manager.caller, folder.id, 'one.bin', bytes);
    const two = await uploadFile(t, manager.caller, folder.id, 'two.bin', bytes);
    const three = await uploadFile(t, other.caller, elsewhere.id, 'three.bin', bytes);
    expect(new Set([one.sha256, two.sha256, three.sha256])).toEqual(new Set([sha256Of(bytes)]));

    const after = storedFiles(t);
    expect(after.blobs.filter((f) => !before.includes(f))).toEqual([`${one.sha256.slice(0, 2)}/${one.sha256}`]);
    expect(after.tmp).toEqual([]);
    for (const [caller, d] of [
      [manager.caller, one],
      [manager.caller, two],
      [other.caller, three],
    ] as const)
      expect((await contentOf(t, caller, `/api/v1/documents/${d.id}/content`)).equals(bytes)).toBe(true);
    expect(blobFile(t, one.sha256)).toContain(one.sha256);
  });
});

describe('versions', () => {
  it('lists versions newest first with uploader and time, serves each, restores an old one and takes a version by id', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const member = await employeeIn(t, ws, 'member');
    const folder = await createFolder(t, manager.caller, ws);
    const v1 = await uploadFile(t, manager.caller, folder.id, 'plan.txt', 'version one');
    await uploadFile(t, member.caller, folder.id, 'plan.txt', 'version two!');
    const byId = await upload(t, manager.caller, asVersion(v1.id), 'whatever-it-is-called.bin', ONE_PIXEL_PNG);
    expect(byId.statusCode, byId.body).toBe(201);
    expect(byId.json()).toMatchObject({ id: v1.id, name: 'plan.txt', version: 3, contentType: 'image/png', size: ONE_PIXEL_PNG.length });

    const versions = await versionsOf(t, manager.caller, v1.id);
    expect(versions.map((v) => [v.number, v.size, v.uploadedBy?.id, v.restoredFrom])).toEqual([
      [3, ONE_PIXEL_PNG.length, manager.id, null],
      [2, 12, member.id, null],
      [1, 11, manager.id, null],
    ]);
    expect(versions[1]?.uploadedBy?.name).toBe(member.name);
    for (const v of versions) expect(Number.isNaN(Date.parse(v.createdAt))).toBe(false);
    expect(Date.parse(versions[0]?.createdAt ?? '')).toBeGreaterThanOrEqual(Date.parse(versions[2]?.createdAt ?? ''));

    const bytesOf = async (versionId: string) => contentOf(t, manager.caller, `/api/v1/documents/${v1.id}/versions/${versionId}/content`);
    const [third, second, first] = versions;
    expect((await bytesOf(first?.id ?? '')).toString()).toBe('version one');
    expect((await bytesOf(second?.id ?? '')).toString()).toBe('version two!');
    expect((await bytesOf(third?.id ?? '')).equals(ONE_PIXEL_PNG)).toBe(true);

    const restored = await call(t.app, 'POST', `/api/v1/documents/${v1.id}/versions/${first?.id}/restore`, undefined, member.caller);
    expect(restored.statusCode, restored.body).toBe(201);
    expect(restored.json()).toMatchObject({ id: v1.id, version: 4, size: 11, contentType: 'text/plain', sha256: first?.sha256 });
    const latest = (await versionsOf(t, manager.caller, v1.id))[0];
    expect(latest).toMatchObject({ number: 4, restoredFrom: 1, sha256: first?.sha256, uploadedBy: { id: member.id } });
    expect((await contentOf(t, manager.caller, `/api/v1/documents/${v1.id}/content`)).toString()).toBe('version one');

    // A version of another document is not one of this document's.
    const other = await uploadFile(t, manager.caller, folder.id, 'other.txt', 'other');
    const otherVersion = (await versionsOf(t, manager.caller, other.id))[0];
    const wrong = await call(t.app, 'POST', `/api/v1/documents/${v1.id}/versions/${otherVersion?.id}/restore`, undefined, manager.caller);
    expect(wrong.statusCode).toBe(400);
    const wrongContent = await call(
      t.app,
      'GET',
      `/api/v1/documents/${v1.id}/versions/${otherVersion?.id}/content`,
      undefined,
      manager.caller,
    );
    expect(wrongContent.statusCode).toBe(404);
    expect((await documentOf(t, manager.caller, v1.id)).version).toBe(4);
  });
});

describe('versions from before guests could see into the folder', () => {
  it('are kept from guests once the folder opens, all but the current one, which they may read and not restore', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const specs = await createFolder(t, manager.caller, ws, { name: 'Specs', visibility: 'internal' });
    const doc = await uploadFile(t, manager.caller, specs.id, 'spec.txt', 'draft with our margin');
    await uploadFile(t, manager.caller, specs.id, 'spec.txt', 'draft for the supplier');
    const folder = await call(t.app, 'GET', `/api/v1/folders/${specs.id}`, undefined, manager.caller);
    const opened = await call(
      t.app,
      'PATCH',
      `/api/v1/folders/${specs.id}`,
      { visibility: 'shared', guestAccess: 'edit' },
      manager.caller,
      {
        'if-match': folder.headers.etag as string,
      },
    );
    expect(opened.statusCode, opened.body).toBe(200);
    await uploadFile(t, manager.caller, specs.id, 'spec.txt', 'final, shared');

    const all = await versionsOf(t, manager.caller, doc.id);
    expect(all.map((v) => v.number)).toEqual([3, 2, 1]);
    const [, second, first] = all;
    // The guest sees the version uploaded since, and none from before.
    expect((await versionsOf(t, guest.caller, doc.id)).map((v) => v.number)).toEqual([3]);
    const hidden = await call(t.app, 'GET', `/api/v1/documents/${doc.id}/versions/${first?.id}/content`, undefined, guest.caller);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('margin');
    const restore = await call(t.app, 'POST', `/api/v1/documents/${doc.id}/versions/${second?.id}/restore`, undefined, guest.caller);
    expect(restore.statusCode).toBe(400);
    expect((await documentOf(t, manager.caller, doc.id)).version).toBe(3);

    // Brought back by an employee, an old version is current, and guests may read it as such.
    const back = await call(t.app, 'POST', `/api/v1/documents/${doc.id}/versions/${second?.id}/restore`, undefined, manager.caller);
    expect(back.statusCode, back.body).toBe(201);
    expect((await contentOf(t, guest.caller, `/api/v1/documents/${doc.id}/content`)).toString()).toBe('draft for the supplier');
    expect((await versionsOf(t, guest.caller, doc.id)).map((v) => v.number)).toEqual([4, 3]);
  });

  it('are judged by the folder as it is when the upload ends, not as it was when it began', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const quotes = await createFolder(t, manager.caller, ws, { name: 'Quotes', guestAccess: 'view' });
    const setVisibility = async (visibility: string) => {
      const folder = await call(t.app, 'GET', `/api/v1/folders/${quotes.id}`, undefined, manager.caller);
      const changed = await call(t.app, 'PATCH', `/api/v1/folders/${quotes.id}`, { visibility }, manager.caller, {
        'if-match': folder.headers.etag as string,
      });
      expect(changed.statusCode, changed.body).toBe(200);
    };
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };

    // The first half of the file goes out, the folder closes to guests, then the rest follows.
    const boundary = 'foyer-slow-upload';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="quote.txt"\r\nContent-Type: text/plain\r\n\r\n` +
        `${'our real price '.repeat(20)}\r\n--${boundary}--\r\n`,
    );
    const socket = connect(port, '127.0.0.1');
    const answered = new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (data: Buffer) => {
        received += data.toString('latin1');
        if (received.includes('\r\n\r\n')) resolve(received.slice(0, received.indexOf('\r\n')));
      });
      socket.on('error', reject);
    });
    socket.write(
      `POST ${intoFolder(quotes.id)} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${TEST_ORIGIN}\r\nCookie: ${manager.caller.cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body.subarray(0, 150));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await setVisibility('internal');
    socket.write(body.subarray(150));
    expect(await answered).toBe('HTTP/1.1 201 Created');
    socket.destroy();

    await setVisibility('shared');
    const [doc] = (await childrenOf(t, manager.caller, quotes.id)).documents;
    if (!doc) throw new Error('the upload stored no document');
    await uploadFile(t, manager.caller, quotes.id, 'quote.txt', 'price for you');
    expect((await versionsOf(t, manager.caller, doc.id)).map((v) => v.number)).toEqual([2, 1]);
    expect((await versionsOf(t, guest.caller, doc.id)).map((v) => v.number)).toEqual([2]);
  });

  it('are all shown to guests when the folder was open to them all along', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const folder = await createFolder(t, manager.caller, manager.workspaceId, { guestAccess: 'view' });
    const doc = await uploadFile(t, manager.caller, folder.id, 'open.txt', 'one');
    await uploadFile(t, manager.caller, folder.id, 'open.txt', 'two');
    expect((await versionsOf(t, guest.caller, doc.id)).map((v) => v.number)).toEqual([2, 1]);
  });
});

describe('rename and move', () => {
  it('renames and moves with If-Match, refuses a stale copy, a name clash, and a folder of another workspace', async () => {
    const manager = await managerWithWorkspace(t);
    const ws = manager.workspaceId;
    const here = await createFolder(t, manager.caller, ws, { name: 'Here' });
    const there = await createFolder(t, manager.caller, ws, { name: 'There' });
    const document = await uploadFile(t, manager.caller, here.id, 'draft.txt', 'draft');
    await uploadFile(t, manager.caller, here.id, 'final.txt', 'final');
    await uploadFile(t, manager.caller, there.id, 'Draft.TXT', 'another draft');

    const patch = (body: Record<string, unknown>, ifMatch?: string) =>
      call(t.app, 'PATCH', `/api/v1/documents/${document.id}`, body, manager.caller, ifMatch ? { 'if-match': ifMatch } : {});
    const loaded = await call(t.app, 'GET', `/api/v1/documents/${document.id}`, undefined, manager.caller);
    const etag = String(loaded.headers.etag);
    expect(etag).toMatch(/^".+"$/);

    const renamed = await patch({ name: 'draft v2.txt' }, etag);
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('draft v2.txt');
    expect(renamed.headers.etag).not.toBe(etag);

    const stale = await patch({ name: 'lost update.txt', folderId: there.id }, etag);
    expect(stale.statusCode).toBe(412);
    expect(await documentOf(t, manager.caller, document.id)).toMatchObject({ name: 'draft v2.txt', folderId: here.id });

    const clash = await patch({ name: 'FINAL.txt' });
    expect(clash.statusCode).toBe(409);
    expect((await patch({ name: 'draft.txt', folderId: there.id })).statusCode).toBe(409);
    expect(await documentOf(t, manager.caller, document.id)).toMatchObject({ name: 'draft v2.txt', folderId: here.id });

    const foreign = await managerWithWorkspace(t);
    const foreignFolder = await createFolder(t, foreign.caller, foreign.workspaceId);
    const across = await patch({ folderId: foreignFolder.id });
    expect(across.statusCode).toBe(400);
    expect(errorPaths(across)).toEqual(['/folderId']);
    expect(await documentOf(t, manager.caller, document.id)).toMatchObject({ folderId: here.id });
    expect(await documentRowsNamed(t, foreignFolder.id)).toEqual([]);

    const moved = await patch({ folderId: there.id }, String(renamed.headers.etag));
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ folderId: there.id, name: 'draft v2.txt' });
    expect((await childrenOf(t, manager.caller, here.id)).documentNames).toEqual(['final.txt']);
    expect((await childrenOf(t, manager.caller, there.id)).documentNames).toEqual(['draft v2.txt', 'Draft.TXT']);
  });

  it('a guest renames and moves only in edit folders, and a hidden target folder answers like a missing one', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const edit = await createFolder(t, manager.caller, ws, { name: 'Edit', guestAccess: 'edit' });
    const edit2 = await createFolder(t, manager.caller, ws, { name: 'Edit 2', guestAccess: 'edit' });
    const view = await createFolder(t, manager.caller, ws, { name: 'View', guestAccess: 'view' });
    const internal = await createFolder(t, manager.caller, ws, { name: 'Internal', visibility: 'internal' });
    const editable = await uploadFile(t, manager.caller, edit.id, 'editable.txt', 'e');
    const readOnly = await uploadFile(t, manager.caller, view.id, 'read-only.txt', 'r');

    const patch = (id: string, body: Record<string, unknown>) => call(t.app, 'PATCH', `/api/v1/documents/${id}`, body, guest.caller);
    expect((await patch(readOnly.id, { name: 'mine now.txt' })).statusCode).toBe(403);
    expect((await patch(editable.id, { name: 'renamed by guest.txt' })).statusCode).toBe(200);

    const intoHidden = await patch(editable.id, { folderId: internal.id });
    const intoNothing = await patch(editable.id, { folderId: newId() });
    expect(intoHidden.statusCode).toBe(400);
    expect(intoHidden.body).toBe(intoNothing.body);
    expect((await patch(editable.id, { folderId: view.id })).statusCode).toBe(400);
    expect(await documentOf(t, manager.caller, editable.id)).toMatchObject({ folderId: edit.id, name: 'renamed by guest.txt' });

    expect((await patch(editable.id, { folderId: edit2.id })).statusCode).toBe(200);
    expect((await childrenOf(t, guest.caller, edit2.id)).documentNames).toEqual(['renamed by guest.txt']);
    expect((await documentOf(t, manager.caller, readOnly.id)).name).toBe('read-only.txt');
  });
});

/** Sends only the head of an upload that declares `declared` bytes, and returns the first answer line. */
async function declareUpload(app: TestApp, caller: Caller, url: string, declared: number): Promise<string> {
  const address = app.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening');
  const boundary = `foyer${newId()}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.bin"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return new Promise<string>((resolve, reject) => {
    const socket = connect(address.port, '127.0.0.1');
    let received = '';
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      if (received.includes('\r\n')) {
        socket.destroy();
        resolve(received.slice(0, received.indexOf('\r\n')));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.write(
      `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${TEST_ORIGIN}\r\nCookie: ${caller.cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${declared}\r\n\r\n${head}`,
    );
    // A few bytes of the file, then nothing more: the answer must not wait for the rest.
    socket.write(Buffer.alloc(512, 0x61));
  });
}

describe('the upload size limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ FOYER_MAX_UPLOAD_BYTES: '1000' });
    await limited.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await limited.close();
  });

  function expectNothingStored(blobsBefore: string[]) {
    expect(storedFiles(limited)).toEqual({ tmp: [], blobs: blobsBefore });
  }

  it('takes a file of exactly the limit', async () => {
    const manager = await managerWithWorkspace(limited);
    const folder = await createFolder(limited, manager.caller, manager.workspaceId);
    expect((await uploadFile(limited, manager.caller, folder.id, 'exact.bin', Buffer.alloc(1000, 1))).size).toBe(1000);
  });

  it('answers 413 when the streamed bytes pass the limit, and keeps no row, no blob and no temporary file', async () => {
    const manager = await managerWithWorkspace(limited);
    const folder = await createFolder(limited, manager.caller, manager.workspaceId);
    const before = storedFiles(limited).blobs;
    // Small enough that Content-Length alone does not give it away: it is refused while streaming.
    const response = await upload(limited, manager.caller, intoFolder(folder.id), 'big.bin', Buffer.alloc(1001, 2));
    expect(response.statusCode, response.body).toBe(413);
    expect(errorPaths(response)).toEqual(['/file']);
    expect(await documentRowsNamed(limited, folder.id)).toEqual([]);
    expectNothingStored(before);

    const document = await uploadFile(limited, manager.caller, folder.id, 'small.bin', 'small');
    const blobsNow = storedFiles(limited).blobs;
    const version = await upload(limited, manager.caller, asVersion(document.id), 'big.bin', Buffer.alloc(5000, 3));
    expect(version.statusCode).toBe(413);
    expect((await documentOf(limited, manager.caller, document.id)).version).toBe(1);
    expectNothingStored(blobsNow);
  });

  it('answers 413 up front when Content-Length already shows the file cannot fit', async () => {
    const manager = await managerWithWorkspace(limited);
    const folder = await createFolder(limited, manager.caller, manager.workspaceId);
    const before = storedFiles(limited).blobs;
    const response = await upload(limited, manager.caller, intoFolder(folder.id), 'huge.bin', Buffer.alloc(40_000, 4));
    expect(response.statusCode).toBe(413);
    expect(errorPaths(response)).toEqual(['/file']);

    // Over a real connection: a client declaring 50 MB gets its answer without sending them.
    const status = await declareUpload(limited, manager.caller, intoFolder(folder.id), 50_000_000);
    expect(status).toMatch(/^HTTP\/1\.1 413 /);

    expect(await documentRowsNamed(limited, folder.id)).toEqual([]);
    expectNothingStored(before);
  });
});

describe('quotas', () => {
  let quota: TestApp;
  let installation: TestApp;
  beforeAll(async () => {
    quota = await startTestApp({ FOYER_WORKSPACE_QUOTA_BYTES: '100' });
    installation = await startTestApp({ FOYER_STORAGE_QUOTA_BYTES: '100' });
  });
  afterAll(async () => {
    await quota.close();
    await installation.close();
  });

  const expect507 = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(507);
    expect(errorPaths(response)).toEqual(['/file']);
  };

  it('counts every version of a workspace, trash included, and answers 507 past the workspace quota', async () => {
    const manager = await managerWithWorkspace(quota);
    const folder = await createFolder(quota, manager.caller, manager.workspaceId);
    const sixty = await uploadFile(quota, manager.caller, folder.id, 'sixty.bin', Buffer.alloc(60, 1));
    expect507(await upload(quota, manager.caller, intoFolder(folder.id), 'fifty.bin', Buffer.alloc(50, 2)));
    expect507(await upload(quota, manager.caller, asVersion(sixty.id), 'sixty.bin', Buffer.alloc(50, 3)));
    expect(await documentRowsNamed(quota, folder.id)).toEqual(['sixty.bin']);
    expect((await documentOf(quota, manager.caller, sixty.id)).version).toBe(1);
    // Declared too large up front.
    expect507(await upload(quota, manager.caller, intoFolder(folder.id), 'big.bin', Buffer.alloc(40_000, 4)));

    // The trash still counts; emptying it frees the space.
    expect((await call(quota.app, 'DELETE', `/api/v1/documents/${sixty.id}`, undefined, manager.caller)).statusCode).toBe(204);
    expect507(await upload(quota, manager.caller, intoFolder(folder.id), 'fifty.bin', Buffer.alloc(50, 2)));
    expect((await call(quota.app, 'DELETE', `/api/v1/workspaces/${manager.workspaceId}/trash`, undefined, manager.caller)).statusCode).toBe(
      204,
    );
    const fifty = await uploadFile(quota, manager.caller, folder.id, 'fifty.bin', Buffer.alloc(50, 2));
    await uploadFile(quota, manager.caller, folder.id, 'fifty.bin', Buffer.alloc(40, 5));
    // Restoring an old version counts like any version: 50 + 40 + 50 > 100.
    const oldest = (await versionsOf(quota, manager.caller, fifty.id)).at(-1);
    expect507(await call(quota.app, 'POST', `/api/v1/documents/${fifty.id}/versions/${oldest?.id}/restore`, undefined, manager.caller));
    expect((await documentOf(quota, manager.caller, fifty.id)).version).toBe(2);

    // Another workspace has its own quota.
    const other = await managerWithWorkspace(quota);
    const otherFolder = await createFolder(quota, other.caller, other.workspaceId);
    await uploadFile(quota, other.caller, otherFolder.id, 'sixty.bin', Buffer.alloc(60, 6));

    // Bytes refused after they landed are unreferenced: the cleanup drops them and keeps the rest.
    await runDocumentCleanup(quota.ctx, { blobGraceMs: 0 });
    const blobs = storedFiles(quota).blobs.map((f) => f.split('/')[1]);
    expect(blobs.sort()).toEqual([sha256Of(Buffer.alloc(50, 2)), sha256Of(Buffer.alloc(40, 5)), sha256Of(Buffer.alloc(60, 6))].sort());
  });

  it('answers 507 past the installation quota, whichever workspace uploads', async () => {
    const a = await managerWithWorkspace(installation);
    const b = await managerWithWorkspace(installation);
    const folderA = await createFolder(installation, a.caller, a.workspaceId);
    const folderB = await createFolder(installation, b.caller, b.workspaceId);
    await uploadFile(installation, a.caller, folderA.id, 'sixty.bin', Buffer.alloc(60, 1));
    expect507(await upload(installation, b.caller, intoFolder(folderB.id), 'fifty.bin', Buffer.alloc(50, 2)));
    expect(await documentRowsNamed(installation, folderB.id)).toEqual([]);
    await uploadFile(installation, b.caller, folderB.id, 'forty.bin', Buffer.alloc(40, 3));
  });
});

describe('virus scanning', () => {
  let clamd: FakeClamd;
  let scanned: TestApp;
  let unreachable: TestApp;
  beforeAll(async () => {
    clamd = await startFakeClamd();
    scanned = await startTestApp({ FOYER_CLAMD_URL: clamd.url });
    unreachable = await startTestApp({ FOYER_CLAMD_URL: await closedPortUrl() });
  });
  afterAll(async () => {
    await scanned.close();
    await unreachable.close();
    await clamd.close();
  });

  it('stores a clean file after the scanner saw all of its bytes', async () => {
    const manager = await managerWithWorkspace(scanned);
    const folder = await createFolder(scanned, manager.caller, manager.workspaceId);
    const bytes = Buffer.concat([Buffer.from('clean '), Buffer.alloc(200_000, 7)]);
    const document = await uploadFile(scanned, manager.caller, folder.id, 'clean.bin', bytes);
    expect(document.size).toBe(bytes.length);
    expect(clamd.scanned.some((s) => s.equals(bytes))).toBe(true);
    expect((await contentOf(scanned, manager.caller, `/api/v1/documents/${document.id}/content`)).equals(bytes)).toBe(true);
  });

  it('refuses an infected file with 422 and stores nothing, as a document or as a version', async () => {
    const manager = await managerWithWorkspace(scanned);
    const folder = await createFolder(scanned, manager.caller, manager.workspaceId);
    const before = storedFiles(scanned).blobs;
    const infected = await upload(scanned, manager.caller, intoFolder(folder.id), 'eicar.com', EICAR);
    expect(infected.statusCode, infected.body).toBe(422);
    expect(errorPaths(infected)).toEqual(['/file']);
    expect(await documentRowsNamed(scanned, folder.id)).toEqual([]);
    expect(storedFiles(scanned)).toEqual({ tmp: [], blobs: before });

    const document = await uploadFile(scanned, manager.caller, folder.id, 'readme.txt', 'clean');
    const blobs = storedFiles(scanned).blobs;
    const asNewVersion = await upload(scanned, manager.caller, asVersion(document.id), 'readme.txt', `prefix ${EICAR} suffix`);
    expect(asNewVersion.statusCode).toBe(422);
    expect((await documentOf(scanned, manager.caller, document.id)).version).toBe(1);
    expect(storedFiles(scanned)).toEqual({ tmp: [], blobs });
  });

  it('fails closed: while the scanner cannot be reached, uploads answer 503 and nothing is stored', async () => {
    const manager = await managerWithWorkspace(unreachable);
    const folder = await createFolder(unreachable, manager.caller, manager.workspaceId);
    const response = await upload(unreachable, manager.caller, intoFolder(folder.id), 'clean.txt', 'perfectly clean');
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(await documentRowsNamed(unreachable, folder.id)).toEqual([]);
    expect(storedFiles(unreachable)).toEqual({ tmp: [], blobs: [] });
  });
});
