import type { Kysely } from 'kysely';
import type { DB, StoredInvitationStatus } from '../../db/schema.js';

export function selectInvitations(db: Kysely<DB>) {
  return db
    .selectFrom('invitations')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .leftJoin('users as inviter', 'inviter.id', 'invitations.inviter_id')
    .leftJoin('external_organizations', 'external_organizations.id', 'invitations.external_organization_id')
    .selectAll('invitations')
    .select([
      'workspaces.name as workspace_name',
      'workspaces.status as workspace_status',
      'workspaces.guests_can_upload',
      'workspaces.guests_can_create_tasks',
      'workspaces.guests_can_comment',
      'workspaces.guests_can_see_members',
      'workspaces.guests_can_invite',
      'inviter.name as inviter_name',
      'external_organizations.name as organization_name',
    ]);
}

export type InvitationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectInvitations>['executeTakeFirst']>>>;

export const findInvitation = (db: Kysely<DB>, id: string) => selectInvitations(db).where('invitations.id', '=', id).executeTakeFirst();

export const findInvitationByTokenHash = (db: Kysely<DB>, tokenHash: string) =>
  selectInvitations(db).where('invitations.token_hash', '=', tokenHash).executeTakeFirst();

/** Newest first; `inviterId` narrows to one inviter's own (guests who may invite see only theirs). */
export function listWorkspaceInvitations(db: Kysely<DB>, workspaceId: string, inviterId?: string) {
  let query = selectInvitations(db).where('invitations.workspace_id', '=', workspaceId);
  if (inviterId) query = query.where('invitations.inviter_id', '=', inviterId);
  return query.orderBy('invitations.created_at', 'desc').orderBy('invitations.id', 'desc').limit(500).execute();
}

export function listInvitationsByStatus(db: Kysely<DB>, status: StoredInvitationStatus) {
  return selectInvitations(db)
    .where('invitations.status', '=', status)
    .orderBy('invitations.created_at')
    .orderBy('invitations.id')
    .limit(500)
    .execute();
}

/** Invitations that may still be accepted (or approved) for this e-mail into this workspace. */
export async function findOpenInvitation(db: Kysely<DB>, workspaceId: string, email: string, now: string) {
  return db
    .selectFrom('invitations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where((eb) => eb.or([eb('status', '=', 'awaiting_approval'), eb.and([eb('status', '=', 'sent'), eb('link_expires_at', '>', now)])]))
    .executeTakeFirst();
}

/** What an inviter's quota counts: open guest invitations plus guests they sponsor now. */
export async function countSponsored(db: Kysely<DB>, inviterId: string, now: string): Promise<number> {
  const open = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('inviter_id', '=', inviterId)
    .where('role', 'in', ['guest', 'viewer'])
    .where((eb) => eb.or([eb('status', '=', 'awaiting_approval'), eb.and([eb('status', '=', 'sent'), eb('link_expires_at', '>', now)])]))
    .executeTakeFirstOrThrow();
  const sponsored = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select((eb) => eb.fn.count<string | number>('memberships.user_id').distinct().as('n'))
    .where('memberships.sponsor_id', '=', inviterId)
    .where('memberships.status', '=', 'active')
    .where('users.kind', '=', 'guest')
    .where('users.status', '=', 'active')
    .where((eb) => eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now)]))
    .executeTakeFirstOrThrow();
  return Number(open.n) + Number(sponsored.n);
}
