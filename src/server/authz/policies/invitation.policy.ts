import { INVITATION_ACTIONS, type InvitationAction, type MemberRole } from '../../../shared/workspaces.js';
import type { StoredInvitationStatus } from '../../db/schema.js';
import { governsExtranet } from '../actor.js';
import type { Policy } from '../policy.js';
import { managesWorkspace, seesWorkspace, type WorkspaceTarget, workspacePolicy } from './workspace.policy.js';

export interface InvitationTarget {
  workspace: WorkspaceTarget;
  inviterId: string | null;
  status: StoredInvitationStatus;
  role: MemberRole;
  /** The link can no longer be used (validity passed). */
  linkExpired: boolean;
}

/** Managers see every invitation of their workspace; a guest who invited sees their own. */
function seesInvitation(actor: Parameters<Policy<InvitationTarget, InvitationAction>['see']>[0], target: InvitationTarget): boolean {
  if (actor.type !== 'user' || !seesWorkspace(actor, target.workspace)) return false;
  return managesWorkspace(actor, target.workspace.id) || target.inviterId === actor.id;
}

export const invitationPolicy: Policy<InvitationTarget, InvitationAction> = {
  actions: INVITATION_ACTIONS,
  see: seesInvitation,
  can(actor, action, target) {
    if (!seesInvitation(actor, target)) return false;
    // An inviter who is not a manager acts on their invitations only while they may still invite:
    // a viewer, or a guest whose workspace stopped guest invitations, keeps no link alive.
    const mayAct = managesWorkspace(actor, target.workspace.id) || workspacePolicy.can(actor, 'invite', target.workspace);
    switch (action) {
      case 'read':
        return true;
      case 'resend':
        return mayAct && target.status === 'sent';
      case 'copy_link':
        return mayAct && target.status === 'sent' && !target.linkExpired;
      case 'revoke':
        return mayAct && (target.status === 'sent' || target.status === 'awaiting_approval');
      case 'approve':
      case 'reject':
        return governsExtranet(actor) && target.status === 'awaiting_approval';
    }
  },
};
