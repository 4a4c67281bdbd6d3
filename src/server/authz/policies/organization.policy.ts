import { isAdmin } from '../actor.js';
import type { Policy } from '../policy.js';

/** Installation-wide actions: the organization itself is the target. */
export const ORGANIZATION_ACTIONS = ['read_settings', 'update_settings', 'create_employee', 'manage_users'] as const;
export type OrganizationAction = (typeof ORGANIZATION_ACTIONS)[number];

export const organizationPolicy: Policy<null, OrganizationAction> = {
  actions: ORGANIZATION_ACTIONS,
  see: (actor) => actor.type === 'user',
  can(actor, action) {
    if (actor.type !== 'user') return false;
    if (action === 'read_settings') return true;
    return isAdmin(actor);
  },
};
