import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { LocalDiskStore } from '../../src/server/storage/local-disk-store.js';
import { blobFile, createFolder, documentRowsNamed, filesUnder, storedFiles, uploadFile } from '../support/documents.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, errorPaths, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await startTestApp({ FOYER_WORKSPACE_QUOTA_BYTES: '100000' });
  await enableExtranet(t, await adminCaller(t));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening');
  port = address.port;
});
afterAll(async () => {
  await t.close();
});

const boundary = () => `foyer${newId()}`;
const partHead = (b: string, name: string) =>
  `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;

describe('uploads refused or cut off', () => {
  it('closes the connection of a refused upload instead of leaving it open for bytes nobody reads', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const b = boundary();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data: Buffer) => {
      answer += data.toString('latin1');
    });
    socket.write(
      `POST /api/v1/folders/${folder.id}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${TEST_ORIGIN}\r\nCookie: ${manager.caller.cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=${b}\r\nContent-Length: 50000000\r\n\r\n${partHead(b, 'huge.bin')}`,
    );
    socket.write(Buffer.alloc(4096, 0x61));
    // The server ends the connection by itself; without that, this waits until the test times out.
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 507 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });

  it('enforces the quota while the bytes stream in when no length is declared, and keeps none of them', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const before = storedFiles(t).blobs;
    const b = boundary();
    async function* body() {
      yield Buffer.from(partHead(b, 'endless.bin'));
      // 1 MB in 64 KiB chunks, far past the 100 kB quota; the server stops reading long before.
      for (let i = 0; i < 16; i++) yield Buffer.alloc(65536, i);
      yield Buffer.from(`\r\n--${b}--\r\n`);
    }
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/folders/${folder.id}/documents`,
          headers: {
            origin: TEST_ORIGIN,
            cookie: manager.caller.cookie,
            'content-type': `multipart/form-data; boundary=${b}`,
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => {
            text += d.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      Readable.from(body()).pipe(req);
    });
    expect(status.status, status.body).toBe(507);
    expect(JSON.parse(status.body).errors).toEqual([{ path: '/file', message: 'does not fit in the workspace quota' }]);
    expect(await documentRowsNamed(t, folder.id)).toEqual([]);
    expect(storedFiles(t)).toEqual({ tmp: [], blobs: before });
  });

  it('answers 400, not 500, to a multipart body that ends before its closing boundary', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const b = boundary();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/folders/${folder.id}/documents`,
      payload: Buffer.concat([Buffer.from(partHead(b, 'cut.txt')), Buffer.from('the first half of a')]),
      headers: {
        origin: TEST_ORIGIN,
        cookie: (manager.caller as Caller).cookie ?? '',
        'content-type': `multipart/form-data; boundary=${b}`,
      },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(errorPaths(response)).toEqual(['/file']);
    expect(await documentRowsNamed(t, folder.id)).toEqual([]);
    expect(storedFiles(t).tmp).toEqual([]);
  });
});

describe('one file per upload', () => {
  const send = (folderId: string, caller: Caller, parts: string[]) => {
    const b = boundary();
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/folders/${folderId}/documents`,
      payload: Buffer.from(`${parts.map((part) => `--${b}\r\n${part}\r\n`).join('')}--${b}--\r\n`),
      headers: { origin: TEST_ORIGIN, cookie: caller.cookie ?? '', 'content-type': `multipart/form-data; boundary=${b}` },
    });
  };
  const filePart = (name: string, text: string) =>
    `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}`;

  it.each([
    ['a second file', [filePart('one.txt', 'first file'), filePart('two.txt', 'second file')]],
    ['a field after the file', [filePart('one.txt', 'first file'), 'Content-Disposition: form-data; name="note"\r\n\r\nhello']],
  ])('refuses %s instead of dropping it, and keeps no bytes', async (_what, parts) => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const blobsBefore = storedFiles(t).blobs;
    const response = await send(folder.id, manager.caller as Caller, parts);
    expect(response.statusCode, response.body).toBe(400);
    expect(errorPaths(response)).toEqual(['/file']);
    expect(await documentRowsNamed(t, folder.id)).toEqual([]);
    expect(storedFiles(t)).toEqual({ tmp: [], blobs: blobsBefore });
  });

  it('still takes a body with exactly one file', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const response = await send(folder.id, manager.caller as Caller, [filePart('only.txt', 'the only file')]);
    expect(response.statusCode, response.body).toBe(201);
    expect(await documentRowsNamed(t, folder.id)).toEqual(['only.txt']);
  });
});

describe('access that ends while the bytes stream in', () => {
  it('stores nothing for a guest removed during their upload, and answers like a workspace they cannot enter', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { upload: true } });
    const folder = await createFolder(t, manager.caller, manager.workspaceId, { guestAccess: 'upload' });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const before = storedFiles(t).blobs;
    const b = boundary();
    const tail = `\r\n--${b}--\r\n`;
    const head = partHead(b, 'late.txt');
    const content = 'written by someone who is no longer a member';
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data: Buffer) => {
      answer += data.toString('latin1');
    });
    const length = Buffer.byteLength(head) + Buffer.byteLength(content) + Buffer.byteLength(tail);
    socket.write(
      `POST /api/v1/folders/${folder.id}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${TEST_ORIGIN}\r\nCookie: ${guest.caller.cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=${b}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n${head}`,
    );
    socket.write('written by someone ');
    // Once the server is writing the bytes, the manager removes the guest.
    while (storedFiles(t).tmp.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const removed = await call(t.app, 'DELETE', `/api/v1/workspaces/${manager.workspaceId}/members/${guest.id}`, undefined, manager.caller);
    expect(removed.statusCode).toBe(204);
    socket.write(`${content.slice('written by someone '.length)}${tail}`);
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(await documentRowsNamed(t, folder.id)).toEqual([]);
    expect(storedFiles(t)).toEqual({ tmp: [], blobs: before });
  });
});

describe('bytes missing from the store', () => {
  it('are an error for HEAD as for GET, never a 200 with nothing behind it', async () => {
    const manager = await managerWithWorkspace(t);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    const document = await uploadFile(t, manager.caller, folder.id, 'lost.txt', 'bytes that will go missing');
    rmSync(blobFile(t, document.sha256));
    for (const method of ['HEAD', 'GET'] as const) {
      const response = await call(t.app, method, `/api/v1/documents/${document.id}/content`, undefined, manager.caller);
      expect(response.statusCode, method).toBe(500);
    }
  });
});

describe('the store spares bytes whose row is being committed', () => {
  it('keeps a pinned blob through a sweep, and lets the sweep take it once released and unreferenced', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'foyer-store-'));
    try {
      const store = new LocalDiskStore(root);
      await store.init();
      const tooLarge = () => new Error('too large');
      const blob = await store.put(Readable.from([Buffer.from('bytes about to be referenced')]), { maxBytes: 1000, tooLarge });
      const sweep = () => store.sweep({ isReferenced: async () => false, tmpOlderThanMs: 0, blobsOlderThanMs: 0 });
      expect((await sweep()).blobsRemoved).toBe(0);
      expect(filesUnder(path.join(root, 'blobs'))).toHaveLength(1);
      // A second upload of the same bytes pins it again; one release is not enough.
      const again = await store.put(Readable.from([Buffer.from('bytes about to be referenced')]), { maxBytes: 1000, tooLarge });
      expect(again).toMatchObject({ sha256: blob.sha256, created: false });
      store.release(blob.sha256);
      expect((await sweep()).blobsRemoved).toBe(0);
      store.release(blob.sha256);
      expect((await sweep()).blobsRemoved).toBe(1);
      expect(filesUnder(path.join(root, 'blobs'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
