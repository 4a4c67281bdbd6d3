import { type Actor, isAdmin } from '../actor.js';
import type { Policy } from '../policy.js';

export interface UserTarget {
  id: string;
  kind: 'employee' | 'guest';
  status: 'active' | 'suspended';
}

export const USER_ACTIONS = ['read', 'suspend', 'change_role'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/**
 * The directory rule. Administrators see everyone; employees see all active people; a guest sees
 * only themselves until workspaces give them colleagues. Everyone else is "Unknown user".
 */
export function seesUser(actor: Actor, target: UserTarget): boolean {
  if (actor.type !== 'user') return false;
  if (actor.id === target.id || isAdmin(actor)) return true;
  return actor.kind === 'employee' && target.status === 'active';
}

export const userPolicy: Policy<UserTarget, UserAction> = {
  actions: USER_ACTIONS,
  see: seesUser,
  can(actor, action, target) {
    if (actor.type !== 'user' || !seesUser(actor, target)) return false;
    switch (action) {
      case 'read':
        return true;
      // Nobody suspends or demotes themselves: that is how installations lose their last administrator.
      case 'suspend':
        return isAdmin(actor) && actor.id !== target.id;
      case 'change_role':
        return isAdmin(actor) && actor.id !== target.id && target.kind === 'employee';
    }
  },
};
