import { ACTIVITY_ACTIONS, type ActivityAction, type ActivityVisibility } from '../../../shared/activities.js';
import { type Actor, isEmployee, membershipOf } from '../actor.js';
import type { Policy } from '../policy.js';
import { seesWorkspace, type WorkspaceTarget } from './workspace.policy.js';

export interface ActivityTarget {
  id: string;
  workspace: WorkspaceTarget;
  visibility: ActivityVisibility;
  attendeeIds: readonly string[];
}

/** Guests see the shared activities of their workspaces; internal ones never. */
export function seesActivity(actor: Actor, activity: ActivityTarget): boolean {
  if (!seesWorkspace(actor, activity.workspace)) return false;
  return isEmployee(actor) || activity.visibility === 'shared';
}

/** Activities are planned by the workspace's employees; an attending guest confirms and reports them. */
export const activityPolicy: Policy<ActivityTarget, ActivityAction> = {
  actions: ACTIVITY_ACTIONS,
  see: seesActivity,
  can(actor, action, activity) {
    if (!seesActivity(actor, activity)) return false;
    if (isEmployee(actor)) return true;
    switch (action) {
      case 'read':
        return true;
      case 'update':
        return false;
      case 'confirm':
      case 'complete':
        // A read-only viewer may attend, but never changes anything.
        return (
          actor.type === 'user' && membershipOf(actor, activity.workspace.id)?.role === 'guest' && activity.attendeeIds.includes(actor.id)
        );
    }
  },
};
