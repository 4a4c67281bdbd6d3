import { type GuestSettings, WORKSPACE_ACTIONS, type WorkspaceAction, type WorkspaceStatus } from '../../../shared/workspaces.js';
import { type Actor, governsExtranet, isEmployee, membershipOf } from '../actor.js';
import type { Policy } from '../policy.js';

export interface WorkspaceTarget {
  id: string;
  status: WorkspaceStatus;
  guestSettings: GuestSettings;
}

/** Actions that change something: refused with 409 while the workspace is archived. */
export const WORKSPACE_CHANGES: readonly WorkspaceAction[] = [
  'update',
  'archive',
  'manage_members',
  'invite',
  'invite_employees',
  'create_folder',
  'empty_trash',
  'create_task',
  'create_note',
  'create_activity',
  'comment',
];

/** The workspace's own managers, plus those who govern the extranet. */
export function managesWorkspace(actor: Actor, workspaceId: string): boolean {
  if (!isEmployee(actor)) return false;
  return governsExtranet(actor) || membershipOf(actor, workspaceId)?.role === 'manager';
}

/** The creation policy: every employee, or only the extranet group (administrators always). */
export function maySponsorGuests(actor: Actor): boolean {
  if (actor.type !== 'user' || actor.kind !== 'employee') return false;
  return governsExtranet(actor) || actor.rules.creators === 'all_employees' || actor.extranetGroup;
}

export function seesWorkspace(actor: Actor, target: Pick<WorkspaceTarget, 'id'>): boolean {
  if (actor.type !== 'user') return false;
  return governsExtranet(actor) || membershipOf(actor, target.id) !== undefined;
}

export const workspacePolicy: Policy<WorkspaceTarget, WorkspaceAction> = {
  actions: WORKSPACE_ACTIONS,
  see: seesWorkspace,
  can(actor, action, target) {
    if (actor.type !== 'user' || !seesWorkspace(actor, target)) return false;
    const manager = managesWorkspace(actor, target.id);
    switch (action) {
      case 'read':
        return true;
      case 'update':
      case 'archive':
      case 'manage_members':
      case 'invite_employees':
      case 'read_invitations':
        return manager;
      case 'restore':
      case 'empty_trash':
        return manager;
      // Folders are arranged, and the trash is kept, by the employees of the workspace.
      case 'create_folder':
      case 'read_trash':
      case 'create_note':
      case 'create_activity':
        return actor.kind === 'employee';
      case 'read_members':
        return actor.kind === 'employee' || target.guestSettings.seeMembers;
      case 'create_task':
        return actor.kind === 'employee' || (membershipOf(actor, target.id)?.role === 'guest' && target.guestSettings.createTasks);
      // Comments on what the caller sees: employees; a guest (never a read-only viewer) where the workspace lets guests comment.
      case 'comment':
        return actor.kind === 'employee' || (membershipOf(actor, target.id)?.role === 'guest' && target.guestSettings.comment);
      case 'invite':
        if (manager) return maySponsorGuests(actor);
        // A guest (never a read-only viewer) may bring colleagues only where the workspace allows it.
        return membershipOf(actor, target.id)?.role === 'guest' && target.guestSettings.invite;
    }
  },
};
