import { DOCUMENT_ACTIONS, type DocumentAction } from '../../../shared/documents.js';
import { type Actor, isEmployee } from '../actor.js';
import type { Policy } from '../policy.js';
import { type FolderTarget, guestMayUpload, seesFolder } from './folder.policy.js';
import { managesWorkspace } from './workspace.policy.js';

export interface DocumentTarget {
  id: string;
  folder: FolderTarget;
  createdBy: string | null;
}

/** In a drop box a guest sees only what they uploaded; elsewhere whatever the folder shows them. */
export function seesDocument(actor: Actor, document: DocumentTarget): boolean {
  if (!seesFolder(actor, document.folder)) return false;
  if (isEmployee(actor) || document.folder.guestAccess !== 'upload') return true;
  return actor.type === 'user' && document.createdBy === actor.id;
}

export const documentPolicy: Policy<DocumentTarget, DocumentAction> = {
  actions: DOCUMENT_ACTIONS,
  see: seesDocument,
  can(actor, action, document) {
    if (!seesDocument(actor, document)) return false;
    const folder = document.folder;
    switch (action) {
      case 'read':
      case 'download':
      case 'read_versions':
        return true;
      case 'access_report':
        return managesWorkspace(actor, folder.workspace.id);
      case 'upload_version':
        return isEmployee(actor) || guestMayUpload(actor, folder);
      case 'update':
      case 'trash':
        return isEmployee(actor) || (folder.guestAccess === 'edit' && guestMayUpload(actor, folder));
    }
  },
};
