import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import {
  accessReportOf,
  childrenOf,
  createFolder,
  type DocumentJson,
  documentOf,
  employeeIn,
  multipartParts,
  ONE_PIXEL_PNG,
  postBody,
  TINY_PDF,
  topFolderNames,
  uploadFile,
  versionsOf,
} from '../support/documents.js';
import { type Caller, call, callFrom } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, auditOf, enableExtranet, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

// Downloads and previews: headers, validators, ranges, what is never rendered, who gets 404, and
// what the audit log and the access report record.

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await startTestApp();
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
});
afterAll(async () => {
  await t.close();
});

const get = (caller: Caller, url: string, headers: Record<string, string> = {}) => call(t.app, 'GET', url, undefined, caller, headers);
const content = (id: string) => `/api/v1/documents/${id}/content`;
const preview = (id: string) => `/api/v1/documents/${id}/preview`;

const TEXT = 'hello world!'; // 12 bytes

describe('download headers', () => {
  it('sends an attachment with its UTF-8 name, nosniff, a sandboxing CSP and the SHA-256 as ETag', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const name = 'Résumé été 2026.txt';
    const document = await uploadFile(t, manager.caller, folder.id, name, TEXT);
    const versionId = (await versionsOf(t, manager.caller, document.id))[0]?.id;

    for (const url of [content(document.id), `/api/v1/documents/${document.id}/versions/${versionId}/content`]) {
      const response = await get(manager.caller, url);
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(TEXT);
      const disposition = String(response.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      // The plain filename is an ASCII stand-in, not raw Latin-1 bytes that browsers read differently.
      expect(disposition).toMatch(/^[\x20-\x7e]+$/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain('sandbox');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers.etag).toBe(`"${document.sha256}"`);
      expect(response.headers['content-length']).toBe(String(TEXT.length));
      expect(response.headers['accept-ranges']).toBe('bytes');
    }
  });

  it("downloads the current version under the document's current name, whatever the file was called", async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const document = await uploadFile(t, manager.caller, folder.id, 'draft.png', ONE_PIXEL_PNG);
    const filename = async (url: string) => String((await get(manager.caller, url)).headers['content-disposition']);

    const renamed = await call(t.app, 'PATCH', `/api/v1/documents/${document.id}`, { name: 'final.png' }, manager.caller);
    expect(renamed.statusCode).toBe(200);
    expect(await filename(content(document.id))).toBe('attachment; filename="final.png"');
    expect(await filename(preview(document.id))).toBe('inline; filename="final.png"');

    await uploadFile(t, manager.caller, folder.id, 'FINAL.PNG', ONE_PIXEL_PNG);
    expect(await filename(content(document.id))).toBe('attachment; filename="final.png"');
    const byId = await postBody(
      t,
      manager.caller,
      `/api/v1/documents/${document.id}/versions`,
      multipartParts([{ field: 'file', filename: 'scan0001.png', content: ONE_PIXEL_PNG }]),
    );
    expect(byId.statusCode).toBe(201);
    expect(await filename(content(document.id))).toBe('attachment; filename="final.png"');
    // An older version keeps the name it was uploaded under.
    const first = (await versionsOf(t, manager.caller, document.id)).find((v) => v.number === 1);
    expect(await filename(`/api/v1/documents/${document.id}/versions/${first?.id}/content`)).toBe('attachment; filename="draft.png"');
  });

  it('answers 304 to If-None-Match with the current ETag, and the file to any other', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const document = await uploadFile(t, manager.caller, folder.id, 'cached.txt', TEXT);
    const etag = `"${document.sha256}"`;
    const cached = await get(manager.caller, content(document.id), { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect((await get(manager.caller, content(document.id), { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);

    // A new version changes the validator.
    await uploadFile(t, manager.caller, folder.id, 'cached.txt', 'changed');
    const changed = await get(manager.caller, content(document.id), { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toBe('changed');
  });

  it('serves ranges: a first range, a suffix, If-Range, several ranges and an unsatisfiable one', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const document = await uploadFile(t, manager.caller, folder.id, 'ranges.txt', TEXT);
    const etag = `"${document.sha256}"`;
    const ranged = (headers: Record<string, string>) => get(manager.caller, content(document.id), headers);

    const first = await ranged({ range: 'bytes=0-4' });
    expect(first.statusCode).toBe(206);
    expect(first.body).toBe('hello');
    expect(first.headers['content-range']).toBe('bytes 0-4/12');
    expect(first.headers['content-length']).toBe('5');

    const suffix = await ranged({ range: 'bytes=-3' });
    expect(suffix.statusCode).toBe(206);
    expect(suffix.body).toBe('ld!');
    expect(suffix.headers['content-range']).toBe('bytes 9-11/12');

    const unsatisfiable = await ranged({ range: 'bytes=50-60' });
    expect(unsatisfiable.statusCode).toBe(416);
    expect(unsatisfiable.headers['content-range']).toBe('bytes */12');

    const oldValidator = await ranged({ range: 'bytes=0-4', 'if-range': '"0000"' });
    expect(oldValidator.statusCode).toBe(200);
    expect(oldValidator.body).toBe(TEXT);
    expect(oldValidator.headers['content-range']).toBeUndefined();
    const sameValidator = await ranged({ range: 'bytes=6-10', 'if-range': etag });
    expect(sameValidator.statusCode).toBe(206);
    expect(sameValidator.body).toBe('world');

    const several = await ranged({ range: 'bytes=0-1,6-7' });
    expect(several.statusCode).toBe(200);
    expect(several.body).toBe(TEXT);
  });

  it('answers HEAD with the headers and no body', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const document = await uploadFile(t, manager.caller, folder.id, 'head.txt', TEXT);
    const head = await call(t.app, 'HEAD', content(document.id), undefined, manager.caller);
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe('12');
    expect(head.headers.etag).toBe(`"${document.sha256}"`);
    expect(String(head.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(head.headers['x-content-type-options']).toBe('nosniff');
    const headRange = await call(t.app, 'HEAD', content(document.id), undefined, manager.caller, { range: 'bytes=0-4' });
    expect(headRange.statusCode).toBe(206);
    expect(headRange.body).toBe('');
    expect(headRange.headers['content-length']).toBe('5');
    expect(headRange.headers['content-range']).toBe('bytes 0-4/12');
  });
});

describe('previews', () => {
  const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(20)]);
  const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(20)]);

  it('shows PNG, JPEG, GIF, WebP and PDF inline, and nothing else', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const cases: [string, Buffer, string][] = [
      ['pixel.png', ONE_PIXEL_PNG, 'image/png'],
      ['photo.jpg', JPEG, 'image/jpeg'],
      ['anim.gif', GIF, 'image/gif'],
      ['modern.webp', WEBP, 'image/webp'],
      ['paper.pdf', TINY_PDF, 'application/pdf'],
    ];
    for (const [name, bytes, type] of cases) {
      const document = await uploadFile(t, manager.caller, folder.id, name, bytes);
      expect(document, name).toMatchObject({ contentType: type, previewable: true });
      const response = await get(manager.caller, preview(document.id));
      expect(response.statusCode, name).toBe(200);
      expect(response.rawPayload.equals(bytes), name).toBe(true);
      expect(String(response.headers['content-type']), name).toMatch(new RegExp(`^${type}`));
      expect(String(response.headers['content-disposition']), name).toMatch(/^inline;/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy'], name).toContain("default-src 'none'");
      if (type !== 'application/pdf') expect(response.headers['content-security-policy'], name).toContain('sandbox');
    }
    const text = await uploadFile(t, manager.caller, folder.id, 'notes.txt', TEXT);
    expect(text.previewable).toBe(false);
    const refused = await get(manager.caller, preview(text.id));
    expect(refused.statusCode).toBe(415);
    expect(refused.headers['content-disposition']).toBeUndefined();
  });

  it('never serves HTML or SVG inline or under their own types, from any route', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const files: [string, string, string][] = [
      ['page.html', 'text/html', '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'],
      ['logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['drawing.svg', 'image/svg+xml', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'],
      ['innocent.png', 'image/png', '<html><img src=x onerror=alert(1)></html>'],
      ['innocent.pdf', 'application/pdf', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ];
    const dangerous = /text\/html|image\/svg\+xml|xhtml/;
    for (const [name, claimed, body] of files) {
      const uploaded = await postBody(
        t,
        manager.caller,
        `/api/v1/folders/${folder.id}/documents`,
        multipartParts([{ field: 'file', filename: name, contentType: claimed, content: body }]),
      );
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      const document = uploaded.json() as DocumentJson;
      expect(document.contentType, name).not.toMatch(dangerous);
      expect(document.previewable, name).toBe(false);
      const versionId = (await versionsOf(t, manager.caller, document.id))[0]?.id;

      const answers: [string, LightMyRequestResponse][] = [
        ['content', await get(manager.caller, content(document.id))],
        ['ranged content', await get(manager.caller, content(document.id), { range: 'bytes=0-9' })],
        ['version content', await get(manager.caller, `/api/v1/documents/${document.id}/versions/${versionId}/content`)],
        ['head', await call(t.app, 'HEAD', content(document.id), undefined, manager.caller)],
        ['preview', await get(manager.caller, preview(document.id))],
        ['head preview', await call(t.app, 'HEAD', preview(document.id), undefined, manager.caller)],
      ];
      for (const [route, response] of answers) {
        const label = `${name} ${route}`;
        expect(String(response.headers['content-type'] ?? ''), label).not.toMatch(dangerous);
        expect(String(response.headers['content-disposition'] ?? ''), label).not.toMatch(/inline/);
        if (route.includes('preview')) expect(response.statusCode, label).toBe(415);
        else {
          expect(String(response.headers['content-disposition']), label).toMatch(/^attachment;/);
          expect(response.headers['x-content-type-options'], label).toBe('nosniff');
          expect(response.headers['content-security-policy'], label).toContain('sandbox');
        }
      }
    }
  });
});

describe('what a guest may not see', () => {
  it('answers 404 byte for byte like a missing id, on every document route', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const other = await inviteAndAccept(t, manager.caller, ws);
    const internal = await createFolder(t, manager.caller, ws, { name: 'Internal', visibility: 'internal' });
    const closed = await createFolder(t, manager.caller, ws, { name: 'Closed', guestAccess: 'none' });
    const dropBox = await createFolder(t, manager.caller, ws, { name: 'Drop', guestAccess: 'upload' });
    const hidden = [
      await uploadFile(t, manager.caller, internal.id, 'secret.png', ONE_PIXEL_PNG),
      await uploadFile(t, manager.caller, closed.id, 'closed.png', ONE_PIXEL_PNG),
      await uploadFile(t, other.caller, dropBox.id, 'theirs.png', ONE_PIXEL_PNG),
    ];
    const routes = (id: string, versionId: string) => [
      `/api/v1/documents/${id}`,
      `/api/v1/documents/${id}/content`,
      `/api/v1/documents/${id}/preview`,
      `/api/v1/documents/${id}/versions`,
      `/api/v1/documents/${id}/versions/${versionId}/content`,
      `/api/v1/documents/${id}/access`,
    ];
    const missing = routes(newId(), newId());
    for (const document of hidden) {
      const versionId = (await versionsOf(t, manager.caller, document.id))[0]?.id ?? '';
      const urls = routes(document.id, versionId);
      for (const [i, url] of urls.entries()) {
        const seen = await get(guest.caller, url);
        const unknown = await get(guest.caller, missing[i] ?? '');
        expect(seen.statusCode, url).toBe(404);
        expect(seen.body, url).toBe(unknown.body);
        expect(seen.headers['content-type'], url).toBe(unknown.headers['content-type']);
        expect(seen.headers['content-length'], url).toBe(unknown.headers['content-length']);
        expect(seen.headers.etag, url).toBeUndefined();
      }
    }
    // Nothing of it was recorded as the guest's.
    for (const document of hidden) {
      expect((await auditOf(t, 'document.viewed', document.id)).filter((r) => r.actor_id === guest.id)).toEqual([]);
      expect((await auditOf(t, 'document.downloaded', document.id)).filter((r) => r.actor_id === guest.id)).toEqual([]);
    }
  });

  it('internal folders and documents appear in nothing a guest receives', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const shared = await createFolder(t, manager.caller, ws, { name: 'Shared with partners', guestAccess: 'edit' });
    const secretFolder = await createFolder(t, manager.caller, ws, {
      name: 'Margin analysis',
      parentId: shared.id,
      visibility: 'internal',
    });
    const secretTop = await createFolder(t, manager.caller, ws, { name: 'Board minutes', visibility: 'internal' });
    const secrets = [
      await uploadFile(t, manager.caller, secretFolder.id, 'margins-by-customer.xlsx', 'secret numbers'),
      await uploadFile(t, manager.caller, secretTop.id, 'minutes-march.txt', 'secret minutes'),
    ];
    const open = await uploadFile(t, manager.caller, shared.id, 'price-list.txt', 'public prices');

    const bodies = [
      await get(guest.caller, `/api/v1/workspaces/${ws}/folders`),
      await get(guest.caller, `/api/v1/folders/${shared.id}`),
      await get(guest.caller, `/api/v1/folders/${shared.id}/children?limit=1000`),
      await get(guest.caller, `/api/v1/documents/${open.id}`),
      await get(guest.caller, `/api/v1/documents/${open.id}/versions`),
      await get(guest.caller, content(open.id)),
      await get(guest.caller, `/api/v1/workspaces/${ws}/trash`),
      await get(guest.caller, `/api/v1/workspaces/${ws}`),
    ].map((r) => `${JSON.stringify(r.headers)}\n${r.body}`);
    const forbiddenWords = [
      secretFolder.id,
      secretFolder.name,
      secretTop.id,
      secretTop.name,
      ...secrets.flatMap((d) => [d.id, d.name, d.sha256]),
      'secret',
    ];
    for (const body of bodies) for (const word of forbiddenWords) expect(body).not.toContain(word);
    expect(await topFolderNames(t, guest.caller, ws)).toEqual(['Shared with partners']);
    expect(await childrenOf(t, guest.caller, shared.id)).toMatchObject({ folderNames: [], documentNames: ['price-list.txt'] });
  });
});

describe('audit and the access report', () => {
  it('records guest views, every download and every upload with version and address; a resumed download from the same address is one entry', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const member = await employeeIn(t, ws, 'member');
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const folder = await createFolder(t, manager.caller, ws, { name: 'Shared', guestAccess: 'edit' });
    const document = await uploadFile(t, manager.caller, folder.id, 'spec.png', ONE_PIXEL_PNG);
    const from = (address: string, caller: Caller, url: string, headers: Record<string, string> = {}) =>
      callFrom(address, t.app, 'GET', url, undefined, caller, headers);

    // Guest: a look at the document, the preview, a download and a resumed download.
    expect((await from('198.51.100.1', guest.caller, `/api/v1/documents/${document.id}`)).statusCode).toBe(200);
    expect((await from('198.51.100.2', guest.caller, preview(document.id))).statusCode).toBe(200);
    expect((await from('198.51.100.3', guest.caller, content(document.id))).statusCode).toBe(200);
    expect((await from('198.51.100.3', guest.caller, content(document.id), { range: 'bytes=10-' })).statusCode).toBe(206);
    // Employees: every download, but not their looks at the document.
    expect((await from('192.0.2.10', member.caller, `/api/v1/documents/${document.id}`)).statusCode).toBe(200);
    expect((await from('192.0.2.11', member.caller, content(document.id))).statusCode).toBe(200);
    expect((await from('192.0.2.12', manager.caller, content(document.id), { range: 'bytes=0-3' })).statusCode).toBe(206);
    expect((await from('192.0.2.12', manager.caller, content(document.id), { range: 'bytes=4-' })).statusCode).toBe(206);
    expect((await call(t.app, 'HEAD', content(document.id), undefined, manager.caller)).statusCode).toBe(200);
    // A second version, uploaded by the guest, then the first version downloaded by the member.
    const v2 = await uploadFile(t, guest.caller, folder.id, 'spec.png', TINY_PDF);
    expect(v2.version).toBe(2);
    const first = (await versionsOf(t, member.caller, document.id)).find((v) => v.number === 1);
    expect((await from('192.0.2.14', member.caller, `/api/v1/documents/${document.id}/versions/${first?.id}/content`)).statusCode).toBe(
      200,
    );

    const report = await accessReportOf(t, manager.caller, document.id);
    // Newest first; events in the same millisecond may come in either order, so compare as a set.
    const times = report.map((r) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const rows = report.map((r) => [r.action, r.user?.id, r.version, r.ip].join(' ')).sort();
    const expected = [
      ['downloaded', member.id, 1, '192.0.2.14'],
      ['uploaded', guest.id, 2, '127.0.0.1'],
      ['downloaded', manager.id, 1, '192.0.2.12'],
      ['downloaded', member.id, 1, '192.0.2.11'],
      ['downloaded', guest.id, 1, '198.51.100.3'],
      ['viewed', guest.id, 1, '198.51.100.2'],
      ['viewed', guest.id, 1, '198.51.100.1'],
      ['uploaded', manager.id, 1, '127.0.0.1'],
    ].map((row) => row.join(' '));
    expect(rows).toEqual(expected.sort());
    expect(report.find((r) => r.user?.id === guest.id)?.user?.name).toBe(guest.name);
    for (const r of report) expect(Number.isNaN(Date.parse(r.at))).toBe(false);

    // The same, straight from the audit log.
    expect((await auditOf(t, 'document.downloaded', document.id)).length).toBe(4);
    expect((await auditOf(t, 'document.viewed', document.id)).map((r) => r.actor_id)).toEqual([guest.id, guest.id]);
    expect((await auditOf(t, 'document.uploaded', document.id)).map((r) => r.workspace_id)).toEqual([ws, ws]);
  });

  it('records a download that skips the first byte, and the same person again from another address', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const folder = await createFolder(t, manager.caller, manager.workspaceId, { name: 'Shared', guestAccess: 'view' });
    const document = await uploadFile(t, manager.caller, folder.id, 'plan.pdf', TINY_PDF);
    const skipping = await callFrom('198.51.100.20', t.app, 'GET', content(document.id), undefined, guest.caller, { range: 'bytes=1-' });
    expect(skipping.statusCode).toBe(206);
    expect(skipping.rawPayload.length).toBe(TINY_PDF.length - 1);
    const elsewhere = await callFrom('198.51.100.21', t.app, 'GET', content(document.id), undefined, guest.caller);
    expect(elsewhere.statusCode).toBe(200);
    const rows = await auditOf(t, 'document.downloaded', document.id);
    expect(rows.map((r) => `${r.actor_id} ${r.ip}`).sort()).toEqual([`${guest.id} 198.51.100.20`, `${guest.id} 198.51.100.21`]);
  });

  it('gives the access report to managers and extranet governors only', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const ws = manager.workspaceId;
    const member = await employeeIn(t, ws, 'member');
    const guest = await inviteAndAccept(t, manager.caller, ws);
    const folder = await createFolder(t, manager.caller, ws, { name: 'Shared', guestAccess: 'edit' });
    const document = await uploadFile(t, manager.caller, folder.id, 'report.txt', TEXT);
    const url = `/api/v1/documents/${document.id}/access`;

    expect((await get(manager.caller, url)).statusCode).toBe(200);
    expect((await get(admin, url)).statusCode).toBe(200);
    expect((await get(member.caller, url)).statusCode).toBe(403);
    expect((await get(guest.caller, url)).statusCode).toBe(403);
    const outsider = await managerWithWorkspace(t);
    const unknown = await get(outsider.caller, `/api/v1/documents/${newId()}/access`);
    const refused = await get(outsider.caller, url);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toBe(unknown.body);

    expect((await documentOf(t, manager.caller, document.id)).abilities).toContain('access_report');
    expect((await documentOf(t, member.caller, document.id)).abilities).not.toContain('access_report');
    expect((await documentOf(t, guest.caller, document.id)).abilities).not.toContain('access_report');
  });
});
