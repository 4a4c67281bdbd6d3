import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Caller, call } from './http-client.js';
import type { TestApp } from './test-app.js';
import { TEST_ORIGIN } from './test-app.js';
import { unique } from './workspaces.js';

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
