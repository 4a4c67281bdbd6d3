import type { OrgAbility } from '../../../shared/accounts.js';
import { record } from '../../audit/record.js';
import { type Actor, can, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { presentUser } from '../users/users.presenter.js';
import { findUserById, type UserRow } from '../users/users.repo.js';

function orgAbilities(actor: Actor): OrgAbility[] {
  const list: OrgAbility[] = [];
  if (can(actor, 'organization', 'manage_users', null)) list.push('users.manage');
  if (can(actor, 'organization', 'update_settings', null)) list.push('settings.manage');
  return list;
}

/** A person as they see themselves: `abilities` are organization-wide (what the UI's menus need). */
export function presentMe(actor: Actor, row: UserRow) {
  return { ...presentUser(actor, row), abilities: orgAbilities(actor) };
}

export async function getMe(ctx: AppContext, actor: Actor) {
  const caller = requireUser(actor);
  const row = await findUserById(ctx.db, caller.id);
  if (!row) throw notFound();
  return presentMe(actor, row);
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
  return getMe(ctx, actor);
}
