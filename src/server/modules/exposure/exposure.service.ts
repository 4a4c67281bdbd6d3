import type { Kysely } from 'kysely';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { lockUserRow, serialize } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { HttpProblem } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { visibleIds } from '../directory/person-ref.js';
import { presentInvitation } from '../invitations/invitations.presenter.js';
import { accessEnd } from '../members/access-end.js';
import { changeMembership, endMembership } from '../members/members.service.js';
import { readSettings } from '../settings/settings.repo.js';
import { guestSettingsOf } from '../workspaces/workspaces.repo.js';
import { presentGuest } from './exposure.presenter.js';
import {
  type BulkMembershipRow,
  daysFrom,
  exposureFigures,
  findMembershipsFor,
  type InvitationState,
  listGuestRows,
  listInvitationRows,
  listMembershipRows,
  type MembershipRow,
} from './exposure.repo.js';

export const DEFAULT_INACTIVE_DAYS = 30;
export const DEFAULT_ENDING_WITHIN_DAYS = 14;
export const MAX_BULK_ITEMS = 200;

export async function exposureSummary(ctx: AppContext, actor: Actor, query: { inactiveDays?: number; endingWithinDays?: number }) {
  authorize(actor, 'organization', 'read_exposure', null);
  const inactiveDays = query.inactiveDays ?? DEFAULT_INACTIVE_DAYS;
  const endingWithinDays = query.endingWithinDays ?? DEFAULT_ENDING_WITHIN_DAYS;
  const now = new Date().toISOString();
  const [settings, figures] = await Promise.all([
    readSettings(ctx.db),
    exposureFigures(ctx.db, now, daysFrom(now, -inactiveDays), daysFrom(now, endingWithinDays)),
  ]);
  return {
    // The same count the seat limit is enforced on (settings' guestSeatsUsed).
    seats: { used: figures.activeGuests, limit: settings.guestSeatLimit > 0 ? settings.guestSeatLimit : null },
    guests: figures.guests,
    pendingInvitations: figures.pendingInvitations,
    expiredInvitations: figures.expiredInvitations,
    inactiveGuests: figures.inactiveGuests,
    endingSoon: figures.endingSoon,
    inactiveDays,
    endingWithinDays,
  };
}

export interface GuestListQuery {
  q?: string;
  organizationId?: string;
  status?: 'active' | 'suspended';
  inactiveDays?: number;
  endingWithinDays?: number;
  limit?: number;
  cursor?: string;
}

/** Guests by name with all their memberships: three queries per page (guests, memberships, sponsors seen). */
export async function listExposedGuests(ctx: AppContext, actor: Actor, query: GuestListQuery) {
  authorize(actor, 'organization', 'read_exposure', null);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['sortName', 'id']) : undefined;
  const now = new Date().toISOString();
  const q = query.q?.trim() || undefined;
  const rows = await listGuestRows(ctx.db, {
    now,
    limit,
    ...(q ? { q } : {}),
    ...(query.organizationId ? { organizationId: query.organizationId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.inactiveDays !== undefined ? { inactiveBefore: daysFrom(now, -query.inactiveDays) } : {}),
    ...(query.endingWithinDays !== undefined ? { endingBy: daysFrom(now, query.endingWithinDays) } : {}),
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const memberships = await listMembershipRows(
    ctx.db,
    page.map((r) => r.id),
  );
  const visible = await visibleIds(
    ctx.db,
    actor,
    memberships.map((m) => m.sponsor_id),
  );
  const byUser = new Map<string, MembershipRow[]>();
  for (const m of memberships) byUser.set(m.user_id, [...(byUser.get(m.user_id) ?? []), m]);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentGuest(row, byUser.get(row.id) ?? [], visible, now)),
    nextCursor: rows.length > limit && last ? encodeCursor({ sortName: last.sort_name, id: last.id }) : null,
  };
}

/** Pending and expired invitations of every workspace, newest first, shaped like a workspace's own list. */
export async function listExposedInvitations(
  ctx: AppContext,
  actor: Actor,
  query: { status?: InvitationState; limit?: number; cursor?: string },
) {
  authorize(actor, 'organization', 'read_exposure', null);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['createdAt', 'id']) : undefined;
  const now = new Date().toISOString();
  const rows = await listInvitationRows(ctx.db, {
    now,
    limit,
    ...(query.status ? { state: query.status } : {}),
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const visible = await visibleIds(
    ctx.db,
    actor,
    page.map((r) => r.inviter_id),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) => presentInvitation(ctx, actor, row, visible, now)),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

export interface MembershipRef {
  workspaceId: string;
  userId: string;
}

type Refusal = { status: 400 | 409; path: string; message: string };

/**
 * Checks every item of a bulk action against the rules of the member DELETE/PATCH before anything
 * changes, and refuses the whole request naming each refused item. Runs inside the transaction that
 * then acts, so what was checked is what gets changed.
 */
function checkItems(actor: Actor, items: MembershipRef[], rows: BulkMembershipRow[], action: 'remove' | 'update') {
  const byKey = new Map(rows.map((r) => [`${r.workspace_id}/${r.user_id}`, r]));
  const seen = new Set<string>();
  const refusals: Refusal[] = [];
  const found: BulkMembershipRow[] = [];
  for (const [i, item] of items.entries()) {
    const key = `${item.workspaceId}/${item.userId}`;
    const path = `/items/${i}`;
    const row = byKey.get(key);
    if (seen.has(key)) {
      refusals.push({ status: 400, path, message: 'repeats an earlier item' });
      continue;
    }
    seen.add(key);
    // Only guests' access is governed here; employees' memberships change in their workspace.
    if (row?.kind !== 'guest') {
      refusals.push({ status: 400, path, message: 'is not a guest membership' });
      continue;
    }
    if (row.workspace_status === 'archived') {
      refusals.push({ status: 409, path, message: 'is in an archived workspace, which is read-only' });
      continue;
    }
    const workspace = { id: row.workspace_id, status: row.workspace_status, guestSettings: guestSettingsOf(row) };
    authorize(actor, 'member', action, { workspace, userId: row.user_id, role: row.role });
    found.push(row);
  }
  if (refusals.length > 0) {
    // Bad input first: a 409 only when every refusal is a conflict with the current state.
    const status = refusals.some((r) => r.status === 400) ? 400 : 409;
    throw new HttpProblem(
      status,
      status === 400 ? 'Bad Request' : 'Conflict',
      status === 400 ? 'The request contains invalid data. Nothing was changed.' : 'Some items cannot be changed now. Nothing was changed.',
      refusals.map(({ path, message }) => ({ path, message })),
    );
  }
  return found;
}

/**
 * Every lock the items' changes will take, in one order and before the first audit entry (which
 * holds the chain's lock to the end): so two bulk actions, or one and a single member change, never
 * wait on each other in a circle.
 */
async function lockAll(trx: Kysely<DB>, rows: { workspace_id: string; user_id: string }[], users: boolean): Promise<void> {
  for (const id of [...new Set(rows.map((r) => r.workspace_id))].sort()) await serialize(trx, `workspace-managers:${id}`);
  if (users) for (const id of [...new Set(rows.map((r) => r.user_id))].sort()) await lockUserRow(trx, id);
}

/**
 * Ends many guest memberships at once, all or nothing: each exactly like the member DELETE (its
 * audit entry, suspension of a guest left without a workspace), plus one entry for the whole action.
 */
export async function revokeMemberships(ctx: AppContext, actor: Actor, items: MembershipRef[], meta: RequestMeta) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'manage_exposure', null);
  const now = new Date().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = checkItems(actor, items, await findMembershipsFor(trx, items), 'remove');
    await lockAll(trx, rows, true);
    let suspended = 0;
    for (const row of rows) {
      const result = await endMembership(
        trx,
        caller.id,
        row.workspace_id,
        { userId: row.user_id, role: row.role, kind: row.kind },
        meta,
        now,
      );
      if (result.suspended) suspended += 1;
    }
    await record(trx, {
      actorId: caller.id,
      action: 'exposure.bulk_revoked',
      ip: meta.ip,
      details: { count: rows.length, suspended, items: items.map((i) => ({ workspaceId: i.workspaceId, userId: i.userId })) },
    });
    return { revoked: rows.length, suspended };
  });
}

/**
 * Sets one end date on many guest memberships, all or nothing, with the member PATCH's rules (in the
 * future, within the policy's maximum access duration; an ended membership comes back).
 */
export async function extendMemberships(
  ctx: AppContext,
  actor: Actor,
  items: MembershipRef[],
  expiresAt: string | null,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'manage_exposure', null);
  const policy = await readSettings(ctx.db);
  // Every item is a guest membership (checked below), so the guest rules apply to all of them.
  const end = accessEnd('/expiresAt', expiresAt, true, policy.guestMaxAccessDays) ?? null;
  const now = new Date().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = checkItems(actor, items, await findMembershipsFor(trx, items), 'update');
    await lockAll(trx, rows, false);
    for (const row of rows) {
      await changeMembership(trx, caller.id, row.workspace_id, row.user_id, row.role, { expiresAt: end }, meta, now);
    }
    await record(trx, {
      actorId: caller.id,
      action: 'exposure.bulk_extended',
      ip: meta.ip,
      details: { count: rows.length, expiresAt: end, items: items.map((i) => ({ workspaceId: i.workspaceId, userId: i.userId })) },
    });
    return { extended: rows.length };
  });
}
