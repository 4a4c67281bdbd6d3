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
  'read_audit',
  'read_exposure',
  'manage_exposure',
  'manage_webhooks',
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
      // The audit log, or the part of it the caller governs (see auditReach).
      case 'read_audit':
        return auditReach(actor) !== null;
      // The exposure dashboard: every guest, invitation and seat; revoke or extend many memberships at once.
      case 'read_exposure':
      case 'manage_exposure':
        return governsExtranet(actor);
      // Webhooks send every chosen event of the whole organization, internal items included.
      case 'manage_webhooks':
        return isAdmin(actor);
    }
  },
};

/**
 * The part of the audit log a caller reads: administrators all of it; extranet administrators (who
 * govern every workspace) every entry that happened in a workspace; managers the entries of the
 * workspaces they manage; anyone else nothing (null).
 */
export type AuditReach = { kind: 'everything' } | { kind: 'workspaces'; ids: 'all' | readonly string[] };

export function auditReach(actor: Actor): AuditReach | null {
  if (actor.type !== 'user' || actor.kind !== 'employee') return null;
  if (isAdmin(actor)) return { kind: 'everything' };
  if (governsExtranet(actor)) return { kind: 'workspaces', ids: 'all' };
  const managed = [...actor.memberships].filter(([, m]) => m.role === 'manager').map(([id]) => id);
  return managed.length > 0 ? { kind: 'workspaces', ids: managed } : null;
}

/** Whether the caller reads the audit entries of this workspace. */
export function readsAuditOf(actor: Actor, workspaceId: string): boolean {
  const reach = auditReach(actor);
  if (reach === null) return false;
  return reach.kind === 'everything' || reach.ids === 'all' || reach.ids.includes(workspaceId);
}
