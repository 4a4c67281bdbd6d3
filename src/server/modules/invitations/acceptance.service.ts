import { isGuestRole } from '../../../shared/workspaces.js';
import { record } from '../../audit/record.js';
import { ACTOR_USER_COLUMNS } from '../../authz/actor.js';
import { loadActor } from '../../authz/actor-loader.js';
import { type Actor, can } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import { serialize } from '../../db/locks.js';
import { conflict, extranetClosed, forbidden, invalid, notFound } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/passwords.js';
import { sessionTimeouts } from '../auth/auth.service.js';
import { createSession } from '../auth/session.repo.js';
import { beginAttempt, signInBuckets } from '../auth/throttle.repo.js';
import { organizationForEmail } from '../external-organizations/external-organizations.service.js';
import { presentMe } from '../me/me.service.js';
import { GUEST_ADMISSION, readSettings } from '../settings/settings.repo.js';
import { findUserByEmail, type UserRow } from '../users/users.repo.js';
import { guestSettingsOf } from '../workspaces/workspaces.repo.js';
import { assertGuestDomain, assertSeatAvailable } from './guest-admission.js';
import { invitationTokenHash } from './invitation-links.js';
import { findInvitationByTokenHash, type InvitationRow } from './invitations.repo.js';

/** Guessing links is throttled like guessing passwords: per address, and per link for password tries. */
function buckets(tokenHash: string, ip: string) {
  return [
    { key: `invitation-ip:${ip}`, max: 10 },
    { key: `invitation:${tokenHash}`, max: 10 },
  ];
}

/** A link that can still be used; anything else (unknown, revoked, accepted, expired, waiting) is one 404. */
async function usableInvitation(ctx: AppContext, token: string): Promise<InvitationRow> {
  const row = await findInvitationByTokenHash(ctx.db, invitationTokenHash(token));
  const now = new Date().toISOString();
  if (row?.status !== 'sent' || !row.link_expires_at || row.link_expires_at <= now || row.workspace_status !== 'active') {
    throw notFound();
  }
  // Access that would end before it starts, or a link from a guest who may no longer invite.
  if ((row.access_ends_at !== null && row.access_ends_at <= now) || !(await inviterMayStillInvite(ctx, row))) throw notFound();
  if (!(await readSettings(ctx.db)).extranetEnabled) throw extranetClosed();
  return row;
}

/**
 * A link lives only as long as the person who sent it may still send it: the same policy decides
 * as for a new invitation (a removed or suspended inviter, a guest whose workspace stopped guest
 * invitations, an employee no longer allowed to sponsor guests: the link is dead).
 */
async function inviterMayStillInvite(ctx: AppContext, row: InvitationRow): Promise<boolean> {
  if (!row.inviter_id) return false;
  const inviter = await ctx.db.selectFrom('users').select(ACTOR_USER_COLUMNS).where('users.id', '=', row.inviter_id).executeTakeFirst();
  if (inviter?.status !== 'active') return false;
  const actor = await loadActor(ctx.db, inviter, { type: 'session', idHash: '' });
  const workspace = { id: row.workspace_id, status: row.workspace_status, guestSettings: guestSettingsOf(row) };
  return can(actor, 'workspace', isGuestRole(row.role) ? 'invite' : 'invite_employees', workspace);
}

/** What the invitee needs to decide, and nothing more. */
export async function previewInvitation(ctx: AppContext, token: string, meta: RequestMeta) {
  const list = buckets(invitationTokenHash(token), meta.ip);
  const attempt = await beginAttempt(ctx.db, list);
  const row = await usableInvitation(ctx, token);
  await attempt.succeeded(ctx.db);
  const organizationName = (await readSettings(ctx.db)).organizationName ?? 'Foyer';
  return { email: row.email, workspaceName: row.workspace_name, inviterName: row.inviter_name ?? organizationName, organizationName };
}

export interface Acceptance {
  name?: string;
  password?: string;
}

/** Who accepts: the signed-in invitee, a returning guest proving their password, or a newcomer. */
async function resolveInvitee(ctx: AppContext, actor: Actor, row: InvitationRow, input: Acceptance, meta: RequestMeta) {
  const existing = await findUserByEmail(ctx.db, row.email);
  if (actor.type === 'user') {
    if (actor.email !== row.email) throw forbidden('This invitation is for another person. Sign out, then open the link again.');
    return { user: existing as UserRow, signedIn: true, reactivate: false };
  }
  if (existing) {
    // A guest suspended when their last workspace ended comes back with their own password.
    const returning =
      existing.kind === 'guest' &&
      existing.status === 'suspended' &&
      existing.suspended_reason === 'no_workspace' &&
      input.password !== undefined;
    if (returning) {
      // A password guess like any other: counted against the account as sign-in counts it.
      const buckets = signInBuckets(row.email, meta.ip);
      const attempt = await beginAttempt(ctx.db, [buckets.accountAddress, buckets.account]);
      if (!(await verifyPassword(existing.password_hash, input.password ?? ''))) {
        await record(ctx.db, {
          actorId: null,
          action: 'invitation.accept_failed',
          target: { type: 'invitation', id: row.id },
          workspaceId: row.workspace_id,
          ip: meta.ip,
          details: { reason: 'wrong_password' },
        });
        throw invalid('/password', 'is not the password of this account');
      }
      await attempt.succeeded(ctx.db, [buckets.accountAddress.key, buckets.account.key]);
      return { user: existing, signedIn: false, reactivate: true };
    }
    throw conflict('An account with this e-mail address exists. Sign in, then accept the invitation.');
  }
  const name = input.name?.trim();
  if (!name) throw invalid('/name', 'is required to create your account');
  if (!input.password) throw invalid('/password', 'is required to create your account');
  const problem = passwordProblem(input.password, { minLength: ctx.config.passwordMinLength, email: row.email, name });
  if (problem) throw invalid('/password', problem);
  const now = new Date().toISOString();
  const organization = row.external_organization_id ? { id: row.external_organization_id } : await organizationForEmail(ctx.db, row.email);
  const user: UserRow = {
    id: newId(),
    email: row.email,
    name,
    kind: 'guest',
    role: 'user',
    status: 'active',
    password_hash: await hashPassword(input.password),
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
    external_organization_id: organization?.id ?? null,
    visible_to_guests: 0,
    extranet_group: 0,
    suspended_reason: null,
  };
  return { user, signedIn: false, reactivate: false, created: true };
}

export async function acceptInvitation(ctx: AppContext, actor: Actor, token: string, input: Acceptance, meta: RequestMeta) {
  const tokenHash = invitationTokenHash(token);
  const attempt = await beginAttempt(ctx.db, buckets(tokenHash, meta.ip));
  const row = await usableInvitation(ctx, token);
  const invitee = await resolveInvitee(ctx, actor, row, input, meta);
  if (isGuestRole(row.role) !== (invitee.user.kind === 'guest')) throw forbidden('This invitation is for another kind of account.');
  const policy = await readSettings(ctx.db);
  // The domain policy may have changed since the invitation left: a blocked domain stays out.
  if (isGuestRole(row.role)) {
    try {
      assertGuestDomain(policy, row.email);
    } catch {
      throw forbidden('Guests from your e-mail domain are no longer admitted. Ask the person who invited you.');
    }
  }
  const now = new Date().toISOString();
  const secret = await ctx.db.transaction().execute(async (trx) => {
    if ('created' in invitee || invitee.reactivate) {
      await serialize(trx, GUEST_ADMISSION);
      await assertSeatAvailable(trx, policy);
    }
    // Single use: only the request that moves it from "sent" to "accepted" goes on; a parallel
    // acceptance of the same link stops here, before it could create the account a second time.
    const taken = await trx
      .updateTable('invitations')
      .set({ status: 'accepted', accepted_at: now, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'sent')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw notFound();
    if ('created' in invitee) {
      try {
        await trx.insertInto('users').values(invitee.user).execute();
      } catch (error) {
        // Another invitation for the same address was accepted a moment ago.
        if (isUniqueViolation(error)) throw conflict('An account with this e-mail address exists. Sign in, then accept the invitation.');
        throw error;
      }
    }
    await trx.updateTable('invitations').set({ accepted_by: invitee.user.id }).where('id', '=', row.id).execute();
    if (invitee.reactivate)
      await trx
        .updateTable('users')
        .set({ status: 'active', suspended_reason: null, updated_at: now })
        .where('id', '=', invitee.user.id)
        .execute();
    await trx.deleteFrom('memberships').where('workspace_id', '=', row.workspace_id).where('user_id', '=', invitee.user.id).execute();
    await trx
      .insertInto('memberships')
      .values({
        workspace_id: row.workspace_id,
        user_id: invitee.user.id,
        role: row.role,
        status: 'active',
        sponsor_id: row.inviter_id,
        expires_at: row.access_ends_at,
        reminder_sent_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await attempt.succeeded(
      trx,
      buckets(tokenHash, meta.ip).map((b) => b.key),
    );
    await record(trx, {
      actorId: invitee.user.id,
      action: 'invitation.accepted',
      target: { type: 'invitation', id: row.id },
      workspaceId: row.workspace_id,
      ip: meta.ip,
      details: { role: row.role, ...('created' in invitee ? { accountCreated: true } : {}) },
    });
    if (invitee.signedIn) return null;
    await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', invitee.user.id).execute();
    return createSession(trx, invitee.user.id, sessionTimeouts(ctx), meta);
  });
  const user = { ...invitee.user, status: 'active' as const };
  const via = actor.type === 'user' ? actor.via : { type: 'session' as const, idHash: '' };
  return { secret, workspaceId: row.workspace_id, user: presentMe(await loadActor(ctx.db, user, via)) };
}
