import { createHash, randomBytes } from 'node:crypto';
import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { makeEmployee } from './factories.js';
import { type Caller, call } from './http-client.js';
import type { TestApp } from './test-app.js';
import { TEST_ORIGIN } from './test-app.js';
import { addMember, signedIn, unique } from './workspaces.js';

export interface FolderJson {
  id: string;
  workspaceId: string;
  parentId: string | null;
  name: string;
  visibility: 'shared' | 'internal';
  guestAccess: 'none' | 'view' | 'upload' | 'edit';
  ownVisibility: 'shared' | 'internal' | null;
  ownGuestAccess: 'none' | 'view' | 'upload' | 'edit' | null;
  path: { id: string; name: string }[];
  abilities: string[];
}

export interface DocumentJson {
  id: string;
  workspaceId: string;
  folderId: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  previewable: boolean;
  version: number;
  createdBy: { id: string; name: string } | null;
  updatedBy: { id: string; name: string } | null;
  abilities: string[];
}

export interface FolderBody {
  name?: string;
  parentId?: string;
  visibility?: 'shared' | 'internal';
  guestAccess?: 'none' | 'view' | 'upload' | 'edit';
}

/** Creates a folder through the API (201 expected); top-level folders default to shared, guests view. */
export async function createFolder(t: TestApp, caller: Caller, workspaceId: string, body: FolderBody = {}): Promise<FolderJson> {
  const payload = { name: unique('Folder '), ...(body.parentId ? {} : { visibility: 'shared' }), ...body };
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/folders`, payload, caller);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as FolderJson;
}

/** A multipart/form-data body with one part, as browsers send it (raw UTF-8 file name). */
export function multipart(filename: string, content: Buffer | string, field = 'file'): { payload: Buffer; contentType: string } {
  const boundary = `----foyer${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename.replace(/"/g, '%22')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST a file to a folder (or to a document's versions), returning the raw answer. */
export function upload(
  t: TestApp,
  caller: Caller,
  url: string,
  filename: string,
  content: Buffer | string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const body = multipart(filename, content);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: {
      origin: TEST_ORIGIN,
      'content-type': body.contentType,
      ...(caller.cookie ? { cookie: caller.cookie } : {}),
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...headers,
    },
  });
}

/** Uploads into a folder and expects 201. */
export async function uploadFile(
  t: TestApp,
  caller: Caller,
  folderId: string,
  filename: string,
  content: Buffer | string,
  conflict?: 'version' | 'keep_both',
): Promise<DocumentJson> {
  const response = await upload(
    t,
    caller,
    `/api/v1/folders/${folderId}/documents${conflict ? `?conflict=${conflict}` : ''}`,
    filename,
    content,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as DocumentJson;
}

/** What the caller sees in a folder: subfolder names and document names. */
export async function childrenOf(t: TestApp, caller: Caller, folderId: string) {
  const response = await call(t.app, 'GET', `/api/v1/folders/${folderId}/children?limit=1000`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { folders: FolderJson[]; documents: DocumentJson[]; nextCursor: string | null };
  return { ...body, folderNames: body.folders.map((f) => f.name), documentNames: body.documents.map((d) => d.name) };
}

/** A PNG of one pixel: real image bytes for preview tests. */
export const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** The smallest PDF header file-type recognises. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

// ——— Added for the documents suites (folders, uploads, downloads, trash) ———

/** The EICAR anti-virus test string: harmless bytes every scanner reports as infected. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface VersionJson {
  id: string;
  number: number;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  uploadedBy: { id: string; name: string } | null;
  restoredFrom: number | null;
  createdAt: string;
}

export interface TrashItemJson {
  kind: 'folder' | 'document';
  id: string;
  name: string;
  path: { id: string; name: string }[];
  deletedAt: string;
  deletedBy: { id: string; name: string } | null;
  purgeAt: string;
}

export interface AccessJson {
  id: string;
  action: 'viewed' | 'downloaded' | 'uploaded';
  user: { id: string; name: string } | null;
  version: number | null;
  ip: string | null;
  at: string;
}

/** GET a document's JSON (expects 200). */
export async function documentOf(t: TestApp, caller: Caller, id: string): Promise<DocumentJson> {
  const response = await call(t.app, 'GET', `/api/v1/documents/${id}`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as DocumentJson;
}

/** GET a folder's JSON with its ETag (expects 200). */
export async function folderOf(t: TestApp, caller: Caller, id: string): Promise<FolderJson & { etag: string }> {
  const response = await call(t.app, 'GET', `/api/v1/folders/${id}`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return { ...(response.json() as FolderJson), etag: String(response.headers.etag) };
}

/** Names of the workspace's top-level folders as the caller sees them. */
export async function topFolderNames(t: TestApp, caller: Caller, workspaceId: string): Promise<string[]> {
  const response = await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}/folders`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as FolderJson[]).map((f) => f.name);
}

/** A document's versions, newest first (expects 200). */
export async function versionsOf(t: TestApp, caller: Caller, id: string): Promise<VersionJson[]> {
  const response = await call(t.app, 'GET', `/api/v1/documents/${id}/versions`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as VersionJson[];
}

/** The workspace's trash (expects 200). */
export async function trashOf(t: TestApp, caller: Caller, workspaceId: string): Promise<TrashItemJson[]> {
  const response = await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}/trash`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as TrashItemJson[];
}

/** A document's access report (expects 200). */
export async function accessReportOf(t: TestApp, caller: Caller, id: string): Promise<AccessJson[]> {
  const response = await call(t.app, 'GET', `/api/v1/documents/${id}/access?limit=200`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as AccessJson[];
}

/** Every file below a directory, as paths relative to it (empty when the directory is missing). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** What the store holds on disk: temporary files of uploads in flight, and stored blobs. */
export function storedFiles(t: TestApp): { tmp: string[]; blobs: string[] } {
  const root = path.join(t.config.dataDir, 'files');
  return { tmp: filesUnder(path.join(root, 'tmp')), blobs: filesUnder(path.join(root, 'blobs')) };
}

/** Where the store keeps the bytes with this SHA-256. */
export const blobFile = (t: TestApp, sha256: string) => path.join(t.config.dataDir, 'files', 'blobs', sha256.slice(0, 2), sha256);

export const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Rows of a table that mention a document, straight from the database (for "nothing was stored"). */
export async function documentRowsNamed(t: TestApp, folderId: string): Promise<string[]> {
  const rows = await t.ctx.db.selectFrom('documents').select('name').where('folder_id', '=', folderId).execute();
  return rows.map((r) => r.name).sort();
}

export interface FakeClamd {
  url: string;
  /** Streams received so far (each one the bytes of one upload). */
  scanned: Buffer[];
  close(): Promise<void>;
}

/**
 * A stand-in for the external ClamAV daemon, speaking its INSTREAM protocol over TCP:
 * "zINSTREAM\0", then chunks each preceded by a 4-byte big-endian length, ended by a zero length;
 * the answer is "stream: OK\0", or "stream: Eicar-Test-Signature FOUND\0" for the EICAR string.
 */
export async function startFakeClamd(): Promise<FakeClamd> {
  const scanned: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = Buffer.alloc(0);
    let commandRead = false;
    const chunks: Buffer[] = [];
    let done = false;
    socket.on('data', (data: Buffer) => {
      if (done) return;
      pending = Buffer.concat([pending, data]);
      if (!commandRead) {
        const command = Buffer.from('zINSTREAM\0');
        if (pending.length < command.length) return;
        if (!pending.subarray(0, command.length).equals(command)) {
          socket.end('UNKNOWN COMMAND\0');
          done = true;
          return;
        }
        pending = pending.subarray(command.length);
        commandRead = true;
      }
      while (pending.length >= 4) {
        const length = pending.readUInt32BE(0);
        if (length === 0) {
          done = true;
          const bytes = Buffer.concat(chunks);
          scanned.push(bytes);
          socket.end(bytes.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (pending.length < 4 + length) return;
        chunks.push(Buffer.from(pending.subarray(4, 4 + length)));
        pending = pending.subarray(4 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    scanned,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A tcp:// address where nothing listens (a port that was free a moment ago, now closed). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `tcp://127.0.0.1:${port}`;
}

/** A new employee, signed in, put in the workspace with this role. */
export async function employeeIn(t: TestApp, workspaceId: string, role: 'manager' | 'member' = 'member') {
  const user = await makeEmployee(t.ctx, { name: unique('Employee '), email: `${unique('employee-')}@company.example` });
  await addMember(t, workspaceId, user.id, role);
  return { ...user, caller: await signedIn(t, user) };
}

export interface Part {
  field: string;
  /** Present for a file part. */
  filename?: string;
  /** The part's own Content-Type, as the client claims it. */
  contentType?: string;
  content: Buffer | string;
}

/** A multipart/form-data body with any parts (or none), for the malformed-upload cases. */
export function multipartParts(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----foyer${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename !== undefined ? `; filename="${part.filename.replace(/"/g, '%22')}"` : '';
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"${filename}${type}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST a prepared body as the caller. */
export function postBody(
  t: TestApp,
  caller: Caller,
  url: string,
  body: { payload: Buffer | string; contentType: string },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: {
      origin: TEST_ORIGIN,
      'content-type': body.contentType,
      ...(caller.cookie ? { cookie: caller.cookie } : {}),
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...headers,
    },
  });
}
