import { type Actor, governsExtranet, isAdmin } from '../actor.js';
import type { Policy } from '../policy.js';

export interface UserTarget {
  id: string;
  kind: 'employee' | 'guest';
  status: 'active' | 'suspended';
  /**
   * For guests' eyes only: the target was found through the directory scope (`visibleUsers`),
   * which knows their shared workspaces. Anything loaded another way is not in their directory.
   */
  inDirectory?: boolean;
}

export const USER_ACTIONS = ['read', 'suspend', 'change_role', 'set_extranet_flags', 'set_organization'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/**
 * The directory rule. Administrators see everyone; employees see all active people; a guest sees
 * themselves and whoever the directory scope lists for them. Everyone else is "Unknown user".
 */
export function seesUser(actor: Actor, target: UserTarget): boolean {
  if (actor.type !== 'user') return false;
  if (actor.id === target.id || isAdmin(actor)) return true;
  if (actor.kind === 'employee') return target.status === 'active' || governsExtranet(actor);
  return target.inDirectory === true && target.status === 'active';
}

/**
 * Whose e-mail address the caller may read: employees read everyone's; a guest reads their own,
 * employees' only when the policy says so, and never another guest's.
 */
export function seesEmailOf(actor: Actor, user: { id: string; kind: 'employee' | 'guest' }): boolean {
  if (actor.type !== 'user') return false;
  if (actor.id === user.id || actor.kind === 'employee') return true;
  return user.kind === 'employee' && actor.rules.guestsSeeEmployeeEmails;
}

export const userPolicy: Policy<UserTarget, UserAction> = {
  actions: USER_ACTIONS,
  see: seesUser,
  can(actor, action, target) {
    if (actor.type !== 'user' || !seesUser(actor, target)) return false;
    // Nobody suspends or demotes themselves: that is how installations lose their last administrator.
    const other = actor.id !== target.id;
    switch (action) {
      case 'read':
        return true;
      // Extranet administrators review and revoke guests; administrators manage everyone.
      case 'suspend':
        return other && (isAdmin(actor) || (governsExtranet(actor) && target.kind === 'guest'));
      case 'change_role':
        return isAdmin(actor) && other && target.kind === 'employee';
      case 'set_extranet_flags':
        return governsExtranet(actor) && target.kind === 'employee';
      case 'set_organization':
        return governsExtranet(actor) && target.kind === 'guest';
    }
  },
};
