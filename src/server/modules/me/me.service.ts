import type { OrgAbility } from '../../../shared/accounts.js';
import { record } from '../../audit/record.js';
import { type Actor, can, requireUser, type UserActor } from '../../authz/index.js';
import type { OrganizationAction } from '../../authz/policies/organization.policy.js';
import type { AppContext, RequestMeta } from '../../context.js';

const ORG_ABILITY_OF: ReadonlyArray<[OrgAbility, OrganizationAction]> = [
  ['users.manage', 'manage_users'],
  ['settings.manage', 'update_settings'],
  ['workspaces.create', 'create_workspace'],
  ['extranet.manage', 'manage_extranet'],
  ['invitations.approve', 'approve_invitations'],
  ['webhooks.manage', 'manage_webhooks'],
];

/**
 * A person as they see themselves, straight from the actor the request already loaded: `abilities`
 * are organization-wide (what the UI's menus need).
 */
export function presentMe(actor: UserActor) {
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    kind: actor.kind,
    role: actor.role,
    status: actor.status,
    createdAt: actor.createdAt,
    lastSignInAt: actor.lastSignInAt,
    abilities: ORG_ABILITY_OF.filter(([, action]) => can(actor, 'organization', action, null)).map(([ability]) => ability),
  };
}

export function getMe(actor: Actor) {
  return presentMe(requireUser(actor));
}

export async function updateMe(ctx: AppContext, actor: Actor, change: { name?: string }, meta: RequestMeta) {
  const caller = requireUser(actor);
  const name = change.name?.trim();
  if (name !== undefined && name !== caller.name) {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ name, updated_at: new Date().toISOString() }).where('id', '=', caller.id).execute();
      await record(trx, {
        actorId: caller.id,
        action: 'user.updated',
        target: { type: 'user', id: caller.id },
        ip: meta.ip,
        details: { name },
      });
    });
  }
  return presentMe(name === undefined ? caller : { ...caller, name });
}
