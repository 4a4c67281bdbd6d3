import type { Kysely } from 'kysely';
import { isGuestRole, type MemberRole } from '../../../shared/workspaces.js';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { lockUserRow, serialize } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../http/problems.js';
import { visibleIds } from '../directory/person-ref.js';
import { readSettings } from '../settings/settings.repo.js';
import { assertChangeable, loadWorkspace } from '../workspaces/workspace-access.js';
import { accessEnd } from './access-end.js';
import { suspendIfWithoutWorkspace } from './guest-lifecycle.js';
import { membershipEnded, presentMember } from './members.presenter.js';
import { countActiveManagers, findMembership, listMemberRows } from './members.repo.js';

export async function listMembers(ctx: AppContext, actor: Actor, workspaceId: string) {
  const { target } = await loadWorkspace(ctx, actor, workspaceId, 'read_members');
  const now = new Date().toISOString();
  let rows = await listMemberRows(ctx.db, workspaceId, actor);
  // Guests see who can work here now, not memberships that have ended.
  if (actor.type === 'user' && actor.kind === 'guest') rows = rows.filter((r) => !membershipEnded(r, now));
  const visible = await visibleIds(
    ctx.db,
    actor,
    rows.map((r) => r.sponsor_id),
  );
  return { items: rows.map((row) => presentMember(actor, target, row, visible, now)), nextCursor: null };
}

async function loadMember(ctx: AppContext, actor: Actor, workspaceId: string, userId: string, action: 'update' | 'remove') {
  const { row: workspace, target } = await loadWorkspace(ctx, actor, workspaceId);
  const member = await findMembership(ctx.db, workspaceId, userId);
  if (!member) throw notFound();
  authorize(actor, 'member', action, { workspace: target, userId, role: member.role });
  assertChangeable(workspace);
  return member;
}

function assertRoleFits(role: MemberRole, kind: 'employee' | 'guest'): void {
  if (isGuestRole(role) !== (kind === 'guest')) {
    throw invalid('/role', kind === 'guest' ? 'must be guest or viewer for a guest' : 'must be manager or member for an employee');
  }
}

export async function updateMember(
  ctx: AppContext,
  actor: Actor,
  workspaceId: string,
  userId: string,
  change: { role?: MemberRole; expiresAt?: string | null },
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const member = await loadMember(ctx, actor, workspaceId, userId, 'update');
  if (change.role) assertRoleFits(change.role, member.kind);
  const policy = await readSettings(ctx.db);
  const expiresAt = accessEnd('/expiresAt', change.expiresAt, member.kind === 'guest', policy.guestMaxAccessDays);
  const now = new Date().toISOString();
  await ctx.db
    .transaction()
    .execute((trx) =>
      changeMembership(
        trx,
        caller.id,
        workspaceId,
        userId,
        member.role,
        { ...(change.role ? { role: change.role } : {}), expiresAt },
        meta,
        now,
      ),
    );
  const items = (await listMembers(ctx, actor, workspaceId)).items;
  const updated = items.find((m) => m.user.id === userId);
  if (!updated) throw notFound();
  return updated;
}

export async function removeMember(ctx: AppContext, actor: Actor, workspaceId: string, userId: string, meta: RequestMeta) {
  const caller = requireUser(actor);
  const member = await loadMember(ctx, actor, workspaceId, userId, 'remove');
  const now = new Date().toISOString();
  await ctx.db
    .transaction()
    .execute((trx) => endMembership(trx, caller.id, workspaceId, { userId, role: member.role, kind: member.kind }, meta, now));
}

/**
 * One membership change inside the caller's transaction, with its rules and audit entry: the last
 * manager keeps the workspace. `expiresAt` is already checked (`accessEnd`). Shared by the member
 * PATCH and the exposure dashboard's bulk extend, so both behave alike.
 */
export async function changeMembership(
  trx: Kysely<DB>,
  callerId: string,
  workspaceId: string,
  userId: string,
  currentRole: MemberRole,
  change: { role?: MemberRole; expiresAt?: string | null | undefined },
  meta: RequestMeta,
  now: string,
): Promise<void> {
  const { expiresAt } = change;
  const demotesManager = currentRole === 'manager' && change.role !== undefined && change.role !== 'manager';
  await serialize(trx, `workspace-managers:${workspaceId}`);
  const endsManager = currentRole === 'manager' && typeof expiresAt === 'string';
  if ((demotesManager || endsManager) && (await countActiveManagers(trx, workspaceId, now)) <= 1) {
    throw conflict('A workspace needs at least one manager. Make someone else manager first.');
  }
  await trx
    .updateTable('memberships')
    .set({
      ...(change.role ? { role: change.role } : {}),
      // A new end date brings an ended membership back and earns a new reminder.
      ...(expiresAt !== undefined ? { expires_at: expiresAt, status: 'active' as const, reminder_sent_at: null } : {}),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  await record(trx, {
    actorId: callerId,
    action: 'member.updated',
    target: { type: 'user', id: userId },
    workspaceId,
    ip: meta.ip,
    details: { ...(change.role ? { role: change.role } : {}), ...(expiresAt !== undefined ? { expiresAt } : {}) },
  });
}

/**
 * Removes one membership inside the caller's transaction, with its rules and audit entry: the last
 * manager stays, and a guest left without a workspace is suspended per the policy. Shared by the
 * member DELETE and the exposure dashboard's bulk revoke.
 */
export async function endMembership(
  trx: Kysely<DB>,
  callerId: string,
  workspaceId: string,
  member: { userId: string; role: MemberRole; kind: 'employee' | 'guest' },
  meta: RequestMeta,
  now: string,
): Promise<{ suspended: boolean }> {
  await serialize(trx, `workspace-managers:${workspaceId}`);
  // A guest left without a workspace is suspended after the entry below: their row is taken first.
  if (member.kind === 'guest') await lockUserRow(trx, member.userId);
  if (member.role === 'manager' && (await countActiveManagers(trx, workspaceId, now)) <= 1) {
    throw conflict('A workspace needs at least one manager. Make someone else manager first.');
  }
  await trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', member.userId).execute();
  await record(trx, { actorId: callerId, action: 'member.removed', target: { type: 'user', id: member.userId }, workspaceId, ip: meta.ip });
  return { suspended: member.kind === 'guest' && (await suspendIfWithoutWorkspace(trx, member.userId, callerId, now)) };
}
