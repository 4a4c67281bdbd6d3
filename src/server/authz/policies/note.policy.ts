import { NOTE_ACTIONS, type NoteAction, type NoteVisibility } from '../../../shared/notes.js';
import { type Actor, isEmployee } from '../actor.js';
import type { Policy } from '../policy.js';
import { seesWorkspace, type WorkspaceTarget } from './workspace.policy.js';

export interface NoteTarget {
  id: string;
  workspace: WorkspaceTarget;
  visibility: NoteVisibility;
}

/** Guests read the shared notes of their workspaces; internal ones never reach them. */
export function seesNote(actor: Actor, note: NoteTarget): boolean {
  if (!seesWorkspace(actor, note.workspace)) return false;
  return isEmployee(actor) || note.visibility === 'shared';
}

/** Notes are written by the workspace's employees; everyone who sees one reads it and its history. */
export const notePolicy: Policy<NoteTarget, NoteAction> = {
  actions: NOTE_ACTIONS,
  see: seesNote,
  can(actor, action, note) {
    if (!seesNote(actor, note)) return false;
    switch (action) {
      case 'read':
      case 'read_history':
        return true;
      case 'update':
      case 'restore':
        return isEmployee(actor);
    }
  },
};
