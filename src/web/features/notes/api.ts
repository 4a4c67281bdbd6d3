import { api, apiRequestWithEtag, type WithEtag } from '../../lib/api-client';
import type { Note, NoteSummary, NoteVersion, NoteVisibility } from './types';

const enc = encodeURIComponent;
const notePath = (noteId: string) => `/api/v1/notes/${enc(noteId)}`;

// Pages of the web UI.
export const noteRoute = (workspaceId: string, noteId: string) => `/workspaces/${enc(workspaceId)}/notes/${enc(noteId)}`;

export async function listNotes(workspaceId: string, signal?: AbortSignal): Promise<NoteSummary[]> {
  return (await api.get<{ items: NoteSummary[] }>(`/api/v1/workspaces/${enc(workspaceId)}/notes`, { signal })).items;
}

export interface NewNote {
  title: string;
  body: string;
  visibility?: NoteVisibility;
}

export function createNote(workspaceId: string, input: NewNote): Promise<WithEtag<Note>> {
  return apiRequestWithEtag<Note>('POST', `/api/v1/workspaces/${enc(workspaceId)}/notes`, { body: input });
}

export function getNote(noteId: string, signal?: AbortSignal): Promise<WithEtag<Note>> {
  return apiRequestWithEtag<Note>('GET', notePath(noteId), { signal });
}

export interface NoteChange {
  title?: string;
  body?: string;
  visibility?: NoteVisibility;
}

/** Saves only if nobody saved the note since `etag` was read; 412 otherwise. */
export function updateNote(noteId: string, change: NoteChange, etag: string | null): Promise<WithEtag<Note>> {
  return apiRequestWithEtag<Note>('PATCH', notePath(noteId), { body: change, ...(etag ? { headers: { 'If-Match': etag } } : {}) });
}

export async function listNoteVersions(noteId: string, signal?: AbortSignal): Promise<NoteVersion[]> {
  return (await api.get<{ items: NoteVersion[] }>(`${notePath(noteId)}/versions`, { signal })).items;
}

/** Brings a past version back as a new one. */
export function restoreNoteVersion(noteId: string, versionId: string): Promise<WithEtag<Note>> {
  return apiRequestWithEtag<Note>('POST', `${notePath(noteId)}/versions/${enc(versionId)}/restore`);
}
