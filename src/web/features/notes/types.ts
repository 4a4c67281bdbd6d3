import type { NoteAction, NoteVisibility } from '../../../shared/notes';
import type { NamedRef } from '../../lib/api-types';

export type { NoteAction, NoteVisibility };

/** A note in the workspace's list. */
export interface NoteSummary {
  id: string;
  workspaceId: string;
  title: string;
  visibility: NoteVisibility;
  version: number;
  updatedBy: NamedRef | null;
  updatedAt: string;
  abilities: NoteAction[];
}

export interface Note extends NoteSummary {
  /** Markdown as written; shown only through the Markdown component. */
  body: string;
  createdBy: NamedRef | null;
  createdAt: string;
}

/** One saved state of a note. */
export interface NoteVersion {
  id: string;
  number: number;
  title: string;
  body: string;
  visibility: NoteVisibility;
  editedBy: NamedRef | null;
  /** The version number this one brought back, when it was a restore. */
  restoredFrom: number | null;
  createdAt: string;
}
