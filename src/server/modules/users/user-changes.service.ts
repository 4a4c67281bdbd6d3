import type { Kysely } from 'kysely';
import type { UserRole, UserStatus } from '../../../shared/accounts.js';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { UserTarget } from '../../authz/policies/user.policy.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { serialize } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { conflict, invalid } from '../../http/problems.js';
import { deleteUserSessions } from '../auth/session.repo.js';
import { findExternalOrganization } from '../external-organizations/external-organizations.service.js';
import { countActiveGuests, GUEST_ADMISSION, readExtranetPolicy } from '../settings/settings.repo.js';
import { presentUser } from './users.presenter.js';
import { type DirectoryUserRow, updateUserColumns } from './users.repo.js';
import { loadVisibleUser } from './users.service.js';

export interface UserChange {
  status?: UserStatus;
  role?: UserRole;
  visibleToGuests?: boolean;
  extranetGroup?: boolean;
  externalOrganizationId?: string | null;
}

/** Each field needs its own permission; any one refused refuses the whole change (403, nothing written). */
function authorizeChange(actor: Actor, target: UserTarget, change: UserChange): void {
  if (change.status !== undefined) authorize(actor, 'user', 'suspend', target);
  if (change.role !== undefined) authorize(actor, 'user', 'change_role', target);
  if (change.visibleToGuests !== undefined || change.extranetGroup !== undefined) authorize(actor, 'user', 'set_extranet_flags', target);
  if (change.externalOrganizationId !== undefined) authorize(actor, 'user', 'set_organization', target);
}

/** The next state, with only what differs from the stored row. */
async function applyChange(db: Kysely<DB>, row: DirectoryUserRow, change: UserChange): Promise<DirectoryUserRow> {
  const next: DirectoryUserRow = { ...row };
  if (change.status !== undefined) next.status = change.status;
  if (change.role !== undefined) next.role = change.role;
  if (change.visibleToGuests !== undefined) next.visible_to_guests = change.visibleToGuests ? 1 : 0;
  if (change.extranetGroup !== undefined) next.extranet_group = change.extranetGroup ? 1 : 0;
  if (change.externalOrganizationId !== undefined && change.externalOrganizationId !== row.external_organization_id) {
    const organization = change.externalOrganizationId ? await findExternalOrganization(db, change.externalOrganizationId) : null;
    if (organization === undefined) throw invalid('/externalOrganizationId', 'No external organization has this id.');
    next.external_organization_id = organization?.id ?? null;
    next.external_organization_name = organization?.name ?? null;
  }
  return next;
}

/** A guest brought back counts against the seat limit like a new one. */
async function assertSeatForReactivatedGuest(db: Kysely<DB>, row: DirectoryUserRow, next: DirectoryUserRow): Promise<void> {
  if (row.kind !== 'guest' || row.status === 'active' || next.status !== 'active') return;
  await serialize(db, GUEST_ADMISSION);
  const { guestSeatLimit } = await readExtranetPolicy(db);
  if (guestSeatLimit > 0 && (await countActiveGuests(db)) >= guestSeatLimit) {
    throw conflict(`The guest seat limit (${guestSeatLimit}) is reached; suspend a guest or raise the limit first.`);
  }
}

function extranetDifferences(row: DirectoryUserRow, next: DirectoryUserRow): Record<string, { from: unknown; to: unknown }> {
  const details: Record<string, { from: unknown; to: unknown }> = {};
  if (row.visible_to_guests !== next.visible_to_guests) {
    details.visibleToGuests = { from: row.visible_to_guests === 1, to: next.visible_to_guests === 1 };
  }
  if (row.extranet_group !== next.extranet_group) {
    details.extranetGroup = { from: row.extranet_group === 1, to: next.extranet_group === 1 };
  }
  if (row.external_organization_id !== next.external_organization_id) {
    details.externalOrganizationId = { from: row.external_organization_id, to: next.external_organization_id };
  }
  return details;
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, change: UserChange, meta: RequestMeta) {
  const caller = requireUser(actor);
  const row = await loadVisibleUser(ctx, actor, id);
  authorizeChange(actor, { ...row, inDirectory: true }, change);

  const updated = await ctx.db.transaction().execute(async (trx) => {
    const next = await applyChange(trx, row, change);
    const statusChanged = next.status !== row.status;
    const roleChanged = next.role !== row.role;
    const extranet = extranetDifferences(row, next);
    if (!statusChanged && !roleChanged && Object.keys(extranet).length === 0) return row;
    await assertSeatForReactivatedGuest(trx, row, next);

    next.updated_at = new Date().toISOString();
    await updateUserColumns(trx, id, {
      status: next.status,
      // An administrator's suspension is never undone by an invitation (see acceptance.service.ts).
      suspended_reason: next.status === 'suspended' ? 'administrator' : null,
      role: next.role,
      visible_to_guests: next.visible_to_guests,
      extranet_group: next.extranet_group,
      external_organization_id: next.external_organization_id,
      updated_at: next.updated_at,
    });
    const target = { type: 'user', id };
    if (statusChanged) {
      if (next.status === 'suspended') await deleteUserSessions(trx, id);
      const action = next.status === 'suspended' ? 'user.suspended' : 'user.reactivated';
      await record(trx, { actorId: caller.id, action, target, ip: meta.ip });
    }
    if (roleChanged) {
      await record(trx, {
        actorId: caller.id,
        action: 'user.role_changed',
        target,
        ip: meta.ip,
        details: { from: row.role, to: next.role },
      });
    }
    if (Object.keys(extranet).length > 0) {
      await record(trx, { actorId: caller.id, action: 'user.extranet_changed', target, ip: meta.ip, details: extranet });
    }
    return next;
  });
  return presentUser(actor, updated, { inDirectory: true });
}
