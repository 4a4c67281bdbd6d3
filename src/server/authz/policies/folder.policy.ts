import { FOLDER_ACTIONS, type FolderAction, type GuestAccess } from '../../../shared/documents.js';
import { type Actor, isEmployee, membershipOf } from '../actor.js';
import type { Policy } from '../policy.js';
import { seesWorkspace, type WorkspaceTarget } from './workspace.policy.js';

/** A folder with its effective (inherited) settings and the workspace it lives in. */
export interface FolderTarget {
  id: string;
  workspace: WorkspaceTarget;
  shared: boolean;
  guestAccess: GuestAccess;
}

/** Whether guests of the workspace may enter the folder at all: shared, with some access for them. */
export const openToGuests = (folder: Pick<FolderTarget, 'shared' | 'guestAccess'>): boolean =>
  folder.shared && folder.guestAccess !== 'none';

/** Guests enter shared folders they have some access to; employees of the workspace enter all. */
export function seesFolder(actor: Actor, folder: FolderTarget): boolean {
  if (!seesWorkspace(actor, folder.workspace)) return false;
  return isEmployee(actor) || openToGuests(folder);
}

/**
 * A guest who may change documents here: a `guest` (never a read-only `viewer`) in a workspace
 * that lets guests upload, in a folder open to uploads (`upload` or `edit`).
 */
export function guestMayUpload(actor: Actor, folder: FolderTarget): boolean {
  return (
    membershipOf(actor, folder.workspace.id)?.role === 'guest' &&
    folder.workspace.guestSettings.upload &&
    (folder.guestAccess === 'upload' || folder.guestAccess === 'edit')
  );
}

export const folderPolicy: Policy<FolderTarget, FolderAction> = {
  actions: FOLDER_ACTIONS,
  see: seesFolder,
  can(actor, action, folder) {
    if (!seesFolder(actor, folder)) return false;
    if (isEmployee(actor)) return true;
    switch (action) {
      case 'read':
        return true;
      case 'upload':
        return guestMayUpload(actor, folder);
      case 'create_folder':
      case 'update':
      case 'trash':
        return false;
    }
  },
};
