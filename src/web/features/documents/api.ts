import type { UploadConflict } from '../../../shared/documents';
import { ApiError, api, apiRequestWithEtag, type WithEtag } from '../../lib/api-client';
import type { Page } from '../../lib/api-types';
import { isExtranetClosed, parseProblem } from '../../lib/problem';
import { withQuery } from '../../lib/query';
import { parseRetryAfter } from '../../lib/retry-after';
import type { Access, DocumentItem, Folder, FolderChildren, FolderVisibility, GuestAccess, TrashItem, Version } from './types';

const enc = encodeURIComponent;
const workspacePath = (workspaceId: string) => `/api/v1/workspaces/${enc(workspaceId)}`;
const folderPath = (folderId: string) => `/api/v1/folders/${enc(folderId)}`;
const documentPath = (documentId: string) => `/api/v1/documents/${enc(documentId)}`;

/** Documents per page of a folder listing. */
export const childrenPageSize = 200;

// Links the browser follows itself (downloads, previews): the session cookie goes along.
export const contentUrl = (documentId: string) => `${documentPath(documentId)}/content`;
export const previewUrl = (documentId: string) => `${documentPath(documentId)}/preview`;
export const versionContentUrl = (documentId: string, versionId: string) =>
  `${documentPath(documentId)}/versions/${enc(versionId)}/content`;

// Pages of the web UI.
export const folderRoute = (workspaceId: string, folderId: string) => `/workspaces/${enc(workspaceId)}/folders/${enc(folderId)}`;
export const documentRoute = (workspaceId: string, documentId: string) => `/workspaces/${enc(workspaceId)}/documents/${enc(documentId)}`;
export const trashRoute = (workspaceId: string) => `/workspaces/${enc(workspaceId)}/trash`;
export const workspaceRoute = (workspaceId: string) => `/workspaces/${enc(workspaceId)}`;

const ifMatch = (etag: string | null) => (etag ? { headers: { 'If-Match': etag } } : {});

// Folders

export async function listTopFolders(workspaceId: string, signal?: AbortSignal): Promise<Folder[]> {
  return (await api.get<{ items: Folder[] }>(`${workspacePath(workspaceId)}/folders`, { signal })).items;
}

export function getFolder(folderId: string, signal?: AbortSignal): Promise<WithEtag<Folder>> {
  return apiRequestWithEtag<Folder>('GET', folderPath(folderId), { signal });
}

export function listChildren(
  folderId: string,
  cursor: string | null,
  signal?: AbortSignal,
  limit = childrenPageSize,
): Promise<FolderChildren> {
  return api.get<FolderChildren>(withQuery(`${folderPath(folderId)}/children`, { limit, cursor }), { signal });
}

export interface NewFolder {
  name: string;
  parentId?: string;
  visibility?: FolderVisibility;
  guestAccess?: GuestAccess;
}

export function createFolder(workspaceId: string, input: NewFolder): Promise<Folder> {
  return api.post<Folder>(`${workspacePath(workspaceId)}/folders`, input);
}

export interface FolderChange {
  name?: string;
  parentId?: string | null;
  visibility?: FolderVisibility | null;
  guestAccess?: GuestAccess | null;
}

/** Saves only if nobody changed the folder since `etag` was read; 412 otherwise. */
export function updateFolder(folderId: string, change: FolderChange, etag: string | null): Promise<WithEtag<Folder>> {
  return apiRequestWithEtag<Folder>('PATCH', folderPath(folderId), { body: change, ...ifMatch(etag) });
}

export function trashFolder(folderId: string): Promise<void> {
  return api.delete(folderPath(folderId));
}

export function restoreFolder(folderId: string): Promise<Folder> {
  return api.post<Folder>(`${folderPath(folderId)}/restore`);
}

// Documents

export function getDocument(documentId: string, signal?: AbortSignal): Promise<WithEtag<DocumentItem>> {
  return apiRequestWithEtag<DocumentItem>('GET', documentPath(documentId), { signal });
}

export interface DocumentChange {
  name?: string;
  folderId?: string;
}

export function updateDocument(documentId: string, change: DocumentChange, etag: string | null): Promise<WithEtag<DocumentItem>> {
  return apiRequestWithEtag<DocumentItem>('PATCH', documentPath(documentId), { body: change, ...ifMatch(etag) });
}

export function trashDocument(documentId: string): Promise<void> {
  return api.delete(documentPath(documentId));
}

export function restoreDocument(documentId: string): Promise<DocumentItem> {
  return api.post<DocumentItem>(`${documentPath(documentId)}/restore`);
}

export async function listVersions(documentId: string, signal?: AbortSignal): Promise<Version[]> {
  return (await api.get<{ items: Version[] }>(`${documentPath(documentId)}/versions`, { signal })).items;
}

export function restoreVersion(documentId: string, versionId: string): Promise<DocumentItem> {
  return api.post<DocumentItem>(`${documentPath(documentId)}/versions/${enc(versionId)}/restore`);
}

export function listAccess(documentId: string, cursor: string | null, signal: AbortSignal): Promise<Page<Access>> {
  return api.get<Page<Access>>(withQuery(`${documentPath(documentId)}/access`, { limit: 50, cursor }), { signal });
}

// Trash

export async function listTrash(workspaceId: string, signal?: AbortSignal): Promise<TrashItem[]> {
  return (await api.get<{ items: TrashItem[] }>(`${workspacePath(workspaceId)}/trash`, { signal })).items;
}

export function emptyTrash(workspaceId: string): Promise<void> {
  return api.delete(`${workspacePath(workspaceId)}/trash`);
}

export function restoreTrashItem(item: Pick<TrashItem, 'kind' | 'id'>): Promise<unknown> {
  return item.kind === 'folder' ? restoreFolder(item.id) : restoreDocument(item.id);
}

// Uploads

/** Where a file goes: into a folder (a new document, or a version of one with the same name) or onto a document. */
export type UploadTarget = { kind: 'folder'; folderId: string; conflict: UploadConflict } | { kind: 'version'; documentId: string };

export function uploadPath(target: UploadTarget): string {
  return target.kind === 'folder'
    ? withQuery(`${folderPath(target.folderId)}/documents`, { conflict: target.conflict })
    : `${documentPath(target.documentId)}/versions`;
}

export interface UploadHandle {
  /** The stored document, or an ApiError; an AbortError (DOMException) after `abort()`. */
  done: Promise<DocumentItem>;
  abort: () => void;
}

function readJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends one file as multipart/form-data with a single `file` part. XMLHttpRequest rather than
 * fetch because only it reports upload progress. Like the API client it stays on our own origin
 * (the browser adds the session cookie and the Origin header the server checks) and asks for JSON.
 */
export function sendFile(
  target: UploadTarget,
  file: File,
  name: string,
  onProgress: (loaded: number, total: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<DocumentItem>((resolve, reject) => {
    xhr.open('POST', uploadPath(target));
    xhr.withCredentials = false; // same-origin: cookies go along anyway, and never to another origin
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const body = readJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as DocumentItem);
      const problem = parseProblem(xhr.status, body, parseRetryAfter(xhr.getResponseHeader('Retry-After')));
      // Let the API client tell the session (ended, or the extranet closed) by asking who we are.
      if (xhr.status === 401 || isExtranetClosed(problem)) api.get('/api/v1/me').catch(() => undefined);
      reject(new ApiError(problem));
    };
    xhr.onerror = () => reject(new ApiError(parseProblem(0, null)));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    const form = new FormData();
    form.append('file', file, name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
