import { type Actor, governsExtranet, isAdmin, isEmployee } from '../actor.js';
import type { Policy } from '../policy.js';
import { maySponsorGuests } from './workspace.policy.js';

/** Installation-wide actions: the organization itself is the target. */
export const ORGANIZATION_ACTIONS = [
  'read_settings',
  'update_settings',
  'create_employee',
  'manage_users',
  'manage_extranet',
  'approve_invitations',
  'create_workspace',
  'read_catalog',
] as const;
export type OrganizationAction = (typeof ORGANIZATION_ACTIONS)[number];

export const organizationPolicy: Policy<null, OrganizationAction> = {
  actions: ORGANIZATION_ACTIONS,
  see: (actor) => actor.type === 'user',
  can(actor: Actor, action) {
    if (actor.type !== 'user') return false;
    switch (action) {
      case 'read_settings':
        return true;
      // Extranet administrators change the extranet's policies; the settings service keeps them off the rest.
      case 'update_settings':
      case 'manage_extranet':
      case 'approve_invitations':
        return governsExtranet(actor);
      case 'create_employee':
      case 'manage_users':
        return isAdmin(actor);
      case 'create_workspace':
        return maySponsorGuests(actor);
      // Topics and partner organizations: what employees pick from; guests never browse them.
      case 'read_catalog':
        return isEmployee(actor);
    }
  },
};
