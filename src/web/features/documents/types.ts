// Shapes of the documents API (docs/documents.md). Kept beside the feature that reads them.

import type { DocumentAction, FolderAction, FolderVisibility, GuestAccess } from '../../../shared/documents';
import type { NamedRef } from '../../lib/api-types';

export type { DocumentAction, FolderAction, FolderVisibility, GuestAccess };

export interface Folder {
  id: string;
  workspaceId: string;
  parentId: string | null;
  name: string;
  /** Effective values: what applies, inherited or not. */
  visibility: FolderVisibility;
  guestAccess: GuestAccess;
  /** The folder's own settings; null means inherited from the parent (or the default at the top). */
  ownVisibility: FolderVisibility | null;
  ownGuestAccess: GuestAccess | null;
  /** Ancestors, top first; the folder itself is not part of it. */
  path: NamedRef[];
  createdAt: string;
  updatedAt: string;
  abilities: FolderAction[];
}

/** A file with versions. Named so it does not clash with the DOM's `Document`. */
export interface DocumentItem {
  id: string;
  workspaceId: string;
  folderId: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  previewable: boolean;
  /** Number of the current version. */
  version: number;
  createdBy: NamedRef | null;
  updatedBy: NamedRef | null;
  createdAt: string;
  updatedAt: string;
  abilities: DocumentAction[];
}

export interface FolderChildren {
  folders: Folder[];
  documents: DocumentItem[];
  nextCursor: string | null;
}

export interface Version {
  id: string;
  number: number;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  uploadedBy: NamedRef | null;
  restoredFrom: number | null;
  createdAt: string;
}

export type AccessAction = 'viewed' | 'downloaded' | 'uploaded';

export interface Access {
  id: string;
  action: AccessAction;
  user: NamedRef | null;
  version: number | null;
  ip: string | null;
  at: string;
}

export interface TrashItem {
  kind: 'folder' | 'document';
  id: string;
  name: string;
  path: NamedRef[];
  deletedAt: string;
  deletedBy: NamedRef | null;
  purgeAt: string;
}
