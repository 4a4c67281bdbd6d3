import { MEMBER_ACTIONS, type MemberAction, type MemberRole } from '../../../shared/workspaces.js';
import type { Policy } from '../policy.js';
import { managesWorkspace, type WorkspaceTarget, workspacePolicy } from './workspace.policy.js';

export interface MemberTarget {
  workspace: WorkspaceTarget;
  userId: string;
  role: MemberRole;
}

export const memberPolicy: Policy<MemberTarget, MemberAction> = {
  actions: MEMBER_ACTIONS,
  see: (actor, target) =>
    workspacePolicy.can(actor, 'read_members', target.workspace) || (actor.type === 'user' && actor.id === target.userId),
  can(actor, _action, target) {
    return managesWorkspace(actor, target.workspace.id);
  },
};
