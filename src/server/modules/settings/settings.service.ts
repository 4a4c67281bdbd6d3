import { Type } from 'typebox';
import { record } from '../../audit/record.js';
import { type Actor, abilities, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { type OrganizationSettings, readSettings, writeSettings } from './settings.repo.js';

export const SettingsSchema = Type.Object({
  organizationName: Type.Union([Type.String(), Type.Null()]),
  extranetEnabled: Type.Boolean(),
  abilities: Type.Array(Type.String()),
});

function present(actor: Actor, settings: OrganizationSettings) {
  const allowed = abilities(actor, 'organization', null);
  return {
    ...settings,
    abilities: [...(allowed.includes('read_settings') ? ['read'] : []), ...(allowed.includes('update_settings') ? ['update'] : [])],
  };
}

export async function getSettings(ctx: AppContext, actor: Actor) {
  authorize(actor, 'organization', 'read_settings', null);
  return present(actor, await readSettings(ctx.db));
}

export async function updateSettings(ctx: AppContext, actor: Actor, change: Partial<OrganizationSettings>, meta: RequestMeta) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'update_settings', null);
  const next = await ctx.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const changed = Object.fromEntries(
      Object.entries(change).filter(([key, value]) => value !== undefined && before[key as keyof OrganizationSettings] !== value),
    );
    if (Object.keys(changed).length > 0) {
      await writeSettings(trx, changed);
      await record(trx, { actorId: caller.id, action: 'settings.changed', ip: meta.ip, details: { changed } });
    }
    return { ...before, ...changed };
  });
  return present(actor, next);
}
