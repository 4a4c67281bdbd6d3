import { record } from '../../audit/record.js';
import { type Actor, isAdmin } from '../../authz/actor.js';
import { authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { forbidden, invalid } from '../../http/problems.js';
import { normalizeDomainList } from '../external-organizations/domain-names.js';
import { presentSettings, readsPolicies } from './settings.presenter.js';
import { countActiveGuests, type OrganizationSettings, readSettings, writeSettings } from './settings.repo.js';

export async function getSettings(ctx: AppContext, actor: Actor) {
  authorize(actor, 'organization', 'read_settings', null);
  const settings = await readSettings(ctx.db);
  return presentSettings(actor, settings, readsPolicies(actor) ? await countActiveGuests(ctx.db) : undefined);
}

export type SettingsChange = Partial<OrganizationSettings>;

/** Trims and normalises what a person typed; 400 naming the field when it cannot be understood. */
function normalizeChange(change: SettingsChange): SettingsChange {
  const next: SettingsChange = { ...change };
  if (change.organizationName !== undefined && change.organizationName !== null) next.organizationName = change.organizationName.trim();
  if (change.allowedGuestDomains) next.allowedGuestDomains = normalizeDomainList(change.allowedGuestDomains, '/allowedGuestDomains');
  if (change.blockedGuestDomains) next.blockedGuestDomains = normalizeDomainList(change.blockedGuestDomains, '/blockedGuestDomains');
  return next;
}

/** The fields whose value differs from what is stored (arrays compared by content). */
function differences(before: OrganizationSettings, change: SettingsChange): SettingsChange {
  return Object.fromEntries(
    Object.entries(change).filter(
      ([key, value]) => value !== undefined && JSON.stringify(before[key as keyof OrganizationSettings]) !== JSON.stringify(value),
    ),
  );
}

/** Rules that tie two fields together, checked on the settings as they would be after the change. */
function assertConsistent(next: OrganizationSettings, changed: SettingsChange): void {
  const { guestDefaultAccessDays: proposed, guestMaxAccessDays: maximum } = next;
  if (maximum > 0 && proposed > maximum) {
    const path = changed.guestDefaultAccessDays !== undefined ? '/guestDefaultAccessDays' : '/guestMaxAccessDays';
    throw invalid(path, `The proposed access (${proposed} days) cannot be longer than the maximum access (${maximum} days).`);
  }
}

export async function updateSettings(ctx: AppContext, actor: Actor, change: SettingsChange, meta: RequestMeta) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'update_settings', null);
  const normalized = normalizeChange(change);
  const next = await ctx.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const changed = differences(before, normalized);
    // Extranet administrators run the extranet, not the organization: its name stays with administrators.
    if (changed.organizationName !== undefined && !isAdmin(actor)) {
      throw forbidden('Only administrators change the organization name.');
    }
    const after = { ...before, ...changed };
    assertConsistent(after, changed);
    if (Object.keys(changed).length > 0) {
      await writeSettings(trx, changed);
      await record(trx, { actorId: caller.id, action: 'settings.changed', ip: meta.ip, details: { changed } });
    }
    return after;
  });
  return presentSettings(actor, next, await countActiveGuests(ctx.db));
}
