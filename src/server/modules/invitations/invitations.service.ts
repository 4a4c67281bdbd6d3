import type { Kysely } from 'kysely';
import { isGuestRole, type MemberRole } from '../../../shared/workspaces.js';
import { record } from '../../audit/record.js';
import { governsExtranet } from '../../authz/actor.js';
import { type Actor, authorize, can, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { serialize } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { conflict, HttpProblem, invalid, notFound } from '../../http/problems.js';
import { normalizeEmail } from '../../lib/email.js';
import { newId } from '../../lib/ids.js';
import { visibleIds } from '../directory/person-ref.js';
import { accessEnd, defaultAccessEnd } from '../members/access-end.js';
import { GUEST_ADMISSION, readSettings } from '../settings/settings.repo.js';
import { findUserByEmail } from '../users/users.repo.js';
import { assertChangeable, loadWorkspace } from '../workspaces/workspace-access.js';
import { assertGuestDomain, assertQuota, assertSeatAvailable } from './guest-admission.js';
import { invitationToken, invitationTokenHash } from './invitation-links.js';
import { sendInBackground } from './invitation-mail.js';
import { invitationTarget, presentInvitation } from './invitations.presenter.js';
import {
  findInvitation,
  findOpenInvitation,
  type InvitationRow,
  listInvitationsByStatus,
  listWorkspaceInvitations,
} from './invitations.repo.js';

const DAY = 24 * 60 * 60 * 1000;

export interface NewInvitation {
  email: string;
  role: MemberRole;
  expiresAt?: string | null;
  message?: string;
  externalOrganizationId?: string | null;
}

const linkExpiry = (validityDays: number, from = Date.now()) => new Date(from + validityDays * DAY).toISOString();

function assertExtranetOpen(actor: Actor): void {
  if (actor.type === 'user' && !actor.rules.enabled)
    throw conflict('The extranet is switched off: invitations cannot be sent or accepted.');
}

async function presentOne(ctx: AppContext, actor: Actor, id: string) {
  const row = await findInvitation(ctx.db, id);
  if (!row) throw notFound();
  return presentInvitation(ctx, actor, row, await visibleIds(ctx.db, actor, [row.inviter_id]));
}

/** Who is being invited must fit the role: employees join as managers or members, outsiders as guests or viewers. */
async function inviteeFor(ctx: AppContext, email: string, role: MemberRole) {
  const existing = await findUserByEmail(ctx.db, email);
  if (isGuestRole(role)) {
    if (existing?.kind === 'employee') throw invalid('/role', 'this person is an employee: invite them as manager or member');
  } else if (existing?.kind !== 'employee' || existing.status !== 'active') {
    throw invalid('/email', 'managers and members must be active employees; invite outsiders as guest or viewer');
  }
  return existing;
}

/** Checked under the admission lock, in the transaction that adds the invitation, so bursts cannot slip past. */
async function assertNotYetIn(trx: Kysely<DB>, workspaceId: string, email: string, userId: string | undefined, now: string) {
  if (userId) {
    const membership = await trx
      .selectFrom('memberships')
      .select('expires_at')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (membership && (membership.expires_at === null || membership.expires_at > now)) {
      throw conflict(`${email} is already a member of this workspace.`);
    }
  }
  if (await findOpenInvitation(trx, workspaceId, email, now)) {
    throw conflict(`${email} already has an open invitation to this workspace. Resend it instead.`);
  }
}

export async function createInvitation(ctx: AppContext, actor: Actor, workspaceId: string, input: NewInvitation, meta: RequestMeta) {
  if (actor.type !== 'user' || actor.kind !== 'guest') return invite(ctx, actor, workspaceId, input, meta);
  if (input.externalOrganizationId) throw invalid('/externalOrganizationId', 'only employees choose the organization of a guest');
  try {
    return await invite(ctx, actor, workspaceId, input, meta);
  } catch (error) {
    // A guest learns nothing about people or policies from a refusal: not who is an employee, a
    // (hidden) member or already invited, nor how many seats are left.
    const aboutThePerson =
      error instanceof HttpProblem &&
      (error.status === 409 || (error.status === 400 && error.errors?.some((e) => e.path === '/email' || e.path === '/role')));
    if (aboutThePerson) throw conflict('This person cannot be invited here. Ask a manager of the workspace.');
    throw error;
  }
}

async function invite(ctx: AppContext, actor: Actor, workspaceId: string, input: NewInvitation, meta: RequestMeta) {
  const caller = requireUser(actor);
  const guest = isGuestRole(input.role);
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, guest ? 'invite' : 'invite_employees');
  assertChangeable(workspace);
  assertExtranetOpen(actor);
  const policy = await readSettings(ctx.db);
  const email = normalizeEmail(input.email);
  const now = new Date().toISOString();
  const existing = await inviteeFor(ctx, email, input.role);
  let expiresAt = accessEnd('/expiresAt', input.expiresAt, guest, policy.guestMaxAccessDays);
  if (guest) {
    assertGuestDomain(policy, email);
    if (expiresAt === undefined) expiresAt = defaultAccessEnd(policy.guestDefaultAccessDays);
  }
  // A guest passes on no more than they hold: the newcomer's access ends when the inviter's does.
  const inviterEnds = caller.kind === 'guest' ? caller.memberships.get(workspaceId)?.expiresAt : null;
  if (inviterEnds && (!expiresAt || expiresAt > inviterEnds)) expiresAt = inviterEnds;
  const organizationId = guest ? (input.externalOrganizationId ?? null) : null;
  if (organizationId) {
    const found = await ctx.db.selectFrom('external_organizations').select('id').where('id', '=', organizationId).executeTakeFirst();
    if (!found) throw invalid('/externalOrganizationId', 'is not an external organization');
  }
  // Approval is for outsiders; those who approve need not wait for themselves.
  const awaitsApproval = guest && policy.invitationApproval && !governsExtranet(actor);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, GUEST_ADMISSION);
    await assertNotYetIn(trx, workspaceId, email, existing?.id, now);
    if (guest && existing?.status !== 'active') await assertSeatAvailable(trx, policy);
    if (guest && !governsExtranet(actor)) await assertQuota(trx, policy, caller.id, now);
    await trx
      .insertInto('invitations')
      .values({
        id,
        workspace_id: workspaceId,
        email,
        role: input.role,
        message: input.message?.trim() || null,
        access_ends_at: expiresAt ?? null,
        external_organization_id: organizationId,
        inviter_id: caller.id,
        status: awaitsApproval ? 'awaiting_approval' : 'sent',
        token_hash: invitationTokenHash(invitationToken(ctx, id)),
        link_expires_at: awaitsApproval ? null : linkExpiry(policy.invitationValidityDays),
        sent_at: awaitsApproval ? null : now,
        decided_by: null,
        decided_at: null,
        rejection_reason: null,
        accepted_at: null,
        accepted_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: awaitsApproval ? 'invitation.created' : 'invitation.sent',
      target: { type: 'invitation', id },
      workspaceId,
      ip: meta.ip,
      details: { email, role: input.role, ...(awaitsApproval ? { awaitsApproval: true } : {}) },
    });
  });
  const row = await findInvitation(ctx.db, id);
  if (row && !awaitsApproval) sendInBackground(ctx, row);
  return presentOne(ctx, actor, id);
}

export async function listInvitations(ctx: AppContext, actor: Actor, workspaceId: string) {
  const caller = requireUser(actor);
  const { target } = await loadWorkspace(ctx, actor, workspaceId);
  // Managers see every invitation; a guest allowed to invite sees the ones they sent.
  const all = can(actor, 'workspace', 'read_invitations', target);
  if (!all) authorize(actor, 'workspace', 'invite', target);
  const rows = await listWorkspaceInvitations(ctx.db, workspaceId, all ? undefined : caller.id);
  const visible = await visibleIds(
    ctx.db,
    actor,
    rows.map((r) => r.inviter_id),
  );
  return { items: rows.map((row) => presentInvitation(ctx, actor, row, visible)), nextCursor: null };
}

/** The approval queue: every invitation waiting for an extranet administrator, oldest first. */
export async function listAwaitingApproval(ctx: AppContext, actor: Actor) {
  authorize(actor, 'organization', 'approve_invitations', null);
  const rows = await listInvitationsByStatus(ctx.db, 'awaiting_approval');
  const visible = await visibleIds(
    ctx.db,
    actor,
    rows.map((r) => r.inviter_id),
  );
  return { items: rows.map((row) => presentInvitation(ctx, actor, row, visible)), nextCursor: null };
}

type InvitationVerb = 'resend' | 'revoke' | 'approve' | 'reject';

async function loadInvitation(ctx: AppContext, actor: Actor, workspaceId: string, invitationId: string, verb: InvitationVerb) {
  await loadWorkspace(ctx, actor, workspaceId);
  const row = await findInvitation(ctx.db, invitationId);
  if (!row || row.workspace_id !== workspaceId) throw notFound();
  authorize(actor, 'invitation', verb, invitationTarget(row));
  assertChangeable({ status: row.workspace_status });
  return row;
}

export async function changeInvitation(
  ctx: AppContext,
  actor: Actor,
  workspaceId: string,
  invitationId: string,
  verb: InvitationVerb,
  meta: RequestMeta,
  reason?: string,
) {
  const caller = requireUser(actor);
  const row = await loadInvitation(ctx, actor, workspaceId, invitationId, verb);
  if (verb !== 'revoke' && verb !== 'reject') assertExtranetOpen(actor);
  const policy = await readSettings(ctx.db);
  const now = new Date().toISOString();
  const set: Partial<InvitationRow> = { updated_at: now };
  if (verb === 'resend' || verb === 'approve')
    Object.assign(set, { status: 'sent', sent_at: now, link_expires_at: linkExpiry(policy.invitationValidityDays) });
  if (verb === 'approve' || verb === 'reject') Object.assign(set, { decided_by: caller.id, decided_at: now });
  if (verb === 'revoke') set.status = 'revoked';
  if (verb === 'reject') Object.assign(set, { status: 'rejected', rejection_reason: reason?.trim() ?? null });
  if (verb === 'reject' && !set.rejection_reason) throw invalid('/reason', 'must not be empty');
  await ctx.db.transaction().execute(async (trx) => {
    // Reopening an expired link is inviting again: the same admission rules apply.
    if (verb === 'resend' && row.link_expires_at !== null && row.link_expires_at <= now) {
      await serialize(trx, GUEST_ADMISSION);
      const existing = await findUserByEmail(trx, row.email);
      await assertNotYetIn(trx, workspaceId, row.email, existing?.id, now);
      if (isGuestRole(row.role)) {
        assertGuestDomain(policy, row.email);
        if (existing?.status !== 'active') await assertSeatAvailable(trx, policy);
        if (!governsExtranet(actor)) await assertQuota(trx, policy, row.inviter_id ?? caller.id, now);
      }
    }
    const result = await trx
      .updateTable('invitations')
      .set(set)
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('This invitation changed meanwhile. Reload to see its status.');
    const action = (
      { resend: 'invitation.resent', revoke: 'invitation.revoked', approve: 'invitation.approved', reject: 'invitation.rejected' } as const
    )[verb];
    await record(trx, {
      actorId: caller.id,
      action,
      target: { type: 'invitation', id: row.id },
      workspaceId,
      ip: meta.ip,
      details: { email: row.email, ...(verb === 'reject' ? { reason: set.rejection_reason } : {}) },
    });
  });
  if (verb === 'resend' || verb === 'approve') {
    const fresh = await findInvitation(ctx.db, row.id);
    if (fresh) sendInBackground(ctx, fresh);
  }
  return presentOne(ctx, actor, row.id);
}
