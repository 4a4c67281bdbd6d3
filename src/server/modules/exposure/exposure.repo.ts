import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { selectInvitations } from '../invitations/invitations.repo.js';

// The exposure dashboard's queries: every guest and invitation of the installation, for those who
// govern the extranet (the service authorizes first). One query per list or figure, never per row.

const DAY = 24 * 60 * 60 * 1000;

/** The moment `days` days before or after `now` (ISO, UTC). */
export const daysFrom = (now: string, days: number) => new Date(Date.parse(now) + days * DAY).toISOString();

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A membership that lets its holder in at `now` and ends no later than `until`. */
function endingBetween(eb: ExpressionBuilder<DB, 'memberships'>, now: string, until: string) {
  return eb.and([
    eb('memberships.status', '=', 'active'),
    eb('memberships.expires_at', 'is not', null),
    eb('memberships.expires_at', '>', now),
    eb('memberships.expires_at', '<=', until),
  ]);
}

/** No sign-in since `cutoff`, or never. */
const inactiveSince = (eb: ExpressionBuilder<DB, 'users'>, cutoff: string) =>
  eb.or([eb('users.last_sign_in_at', 'is', null), eb('users.last_sign_in_at', '<', cutoff)]);

/** An invitation that can still be approved or accepted (the link has not run out). */
const pendingInvitation = (eb: ExpressionBuilder<DB, 'invitations'>, now: string) =>
  eb.or([
    eb('invitations.status', '=', 'awaiting_approval'),
    eb.and([
      eb('invitations.status', '=', 'sent'),
      eb.or([eb('invitations.link_expires_at', 'is', null), eb('invitations.link_expires_at', '>', now)]),
    ]),
  ]);

/** A sent invitation whose link ran out before anyone accepted it (shown as `expired`). */
const expiredInvitation = (eb: ExpressionBuilder<DB, 'invitations'>, now: string) =>
  eb.and([eb('invitations.status', '=', 'sent'), eb('invitations.link_expires_at', '<=', now)]);

export type InvitationState = 'pending' | 'expired';

const invitationState = (state: InvitationState | undefined, now: string) => (eb: ExpressionBuilder<DB, 'invitations'>) =>
  state === 'pending'
    ? pendingInvitation(eb, now)
    : state === 'expired'
      ? expiredInvitation(eb, now)
      : eb.or([pendingInvitation(eb, now), expiredInvitation(eb, now)]);

/** The dashboard's figures, in one query: each figure is a subquery. */
export async function exposureFigures(db: Kysely<DB>, now: string, inactiveCutoff: string, endingUntil: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('users')
        .select((c) => c.fn.countAll<string | number>().as('n'))
        .where('users.kind', '=', 'guest')
        .where('users.status', '=', 'active')
        .as('active_guests'),
      eb
        .selectFrom('users')
        .select((c) => c.fn.countAll<string | number>().as('n'))
        .where('users.kind', '=', 'guest')
        .as('guests'),
      eb
        .selectFrom('users')
        .select((c) => c.fn.countAll<string | number>().as('n'))
        .where('users.kind', '=', 'guest')
        .where('users.status', '=', 'active')
        .where((u) => inactiveSince(u, inactiveCutoff))
        .as('inactive_guests'),
      eb
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select((c) => c.fn.countAll<string | number>().as('n'))
        .where('users.kind', '=', 'guest')
        .where('users.status', '=', 'active')
        .where((m) => endingBetween(m as unknown as ExpressionBuilder<DB, 'memberships'>, now, endingUntil))
        .as('ending_soon'),
      eb
        .selectFrom('invitations')
        .select((c) => c.fn.countAll<string | number>().as('n'))
        .where((i) => pendingInvitation(i, now))
        .as('pending_invitations'),
      eb
        .selectFrom('invitations')
        .select((c) => c.fn.countAll<string | number>().as('n'))
        .where((i) => expiredInvitation(i, now))
        .as('expired_invitations'),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    activeGuests: n(row.active_guests),
    guests: n(row.guests),
    inactiveGuests: n(row.inactive_guests),
    endingSoon: n(row.ending_soon),
    pendingInvitations: n(row.pending_invitations),
    expiredInvitations: n(row.expired_invitations),
  };
}

export interface GuestFilter {
  q?: string;
  organizationId?: string;
  status?: 'active' | 'suspended';
  /** No sign-in since this moment (or never). */
  inactiveBefore?: string;
  /** Has an active membership ending after `now` and no later than this moment. */
  endingBy?: string;
  now: string;
  limit: number;
  after?: { sortName: string; id: string };
}

/**
 * One page of guest accounts, by name then id. Each row carries its sort key as the database
 * computed it (see listVisibleUsers: the cursor must agree with ORDER BY, lower() differs by engine).
 */
export async function listGuestRows(db: Kysely<DB>, filter: GuestFilter) {
  let select = db
    .selectFrom('users')
    .leftJoin('external_organizations', 'external_organizations.id', 'users.external_organization_id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.status',
      'users.created_at',
      'users.last_sign_in_at',
      'users.external_organization_id',
      'external_organizations.name as organization_name',
    ])
    .select((eb) => eb.fn<string>('lower', ['users.name']).as('sort_name'))
    .where('users.kind', '=', 'guest');
  if (filter.q) {
    const namePattern = likePattern(filter.q);
    const emailPattern = likePattern(filter.q.toLowerCase());
    select = select.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(users.name) like lower(${namePattern}) escape '\\'`,
        sql<SqlBool>`users.email like ${emailPattern} escape '\\'`,
      ]),
    );
  }
  if (filter.organizationId) select = select.where('users.external_organization_id', '=', filter.organizationId);
  if (filter.status) select = select.where('users.status', '=', filter.status);
  const { inactiveBefore, endingBy, after, now } = filter;
  if (inactiveBefore) select = select.where((eb) => inactiveSince(eb, inactiveBefore));
  if (endingBy) {
    select = select.where((eb) =>
      eb(
        'users.id',
        'in',
        eb
          .selectFrom('memberships')
          .select('memberships.user_id')
          .where((m) => endingBetween(m, now, endingBy)),
      ),
    );
  }
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.name']), '>', after.sortName),
        eb.and([eb(eb.fn('lower', ['users.name']), '=', after.sortName), eb('users.id', '>', after.id)]),
      ]),
    );
  }
  return select
    .orderBy((eb) => eb.fn('lower', ['users.name']))
    .orderBy('users.id')
    .limit(filter.limit + 1)
    .execute();
}

export type GuestRow = Awaited<ReturnType<typeof listGuestRows>>[number];

/** Every membership of these people, ended ones too, with workspace and sponsor: one query for a page. */
export async function listMembershipRows(db: Kysely<DB>, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .leftJoin('users as sponsor', 'sponsor.id', 'memberships.sponsor_id')
    .select([
      'memberships.user_id',
      'memberships.role',
      'memberships.status',
      'memberships.expires_at',
      'memberships.sponsor_id',
      'workspaces.id as workspace_id',
      'workspaces.name as workspace_name',
      'workspaces.status as workspace_status',
      'sponsor.name as sponsor_name',
    ])
    .where('memberships.user_id', 'in', userIds)
    .orderBy((eb) => eb.fn('lower', ['workspaces.name']))
    .orderBy('workspaces.id')
    .execute();
}

export type MembershipRow = Awaited<ReturnType<typeof listMembershipRows>>[number];

/** One page of pending and/or expired invitations of every workspace, newest first. */
export async function listInvitationRows(
  db: Kysely<DB>,
  query: { state?: InvitationState; now: string; limit: number; after?: { createdAt: string; id: string } },
) {
  let select = selectInvitations(db).where(invitationState(query.state, query.now));
  const { after } = query;
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb('invitations.created_at', '<', after.createdAt),
        eb.and([eb('invitations.created_at', '=', after.createdAt), eb('invitations.id', '<', after.id)]),
      ]),
    );
  }
  return select
    .orderBy('invitations.created_at', 'desc')
    .orderBy('invitations.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** The memberships a bulk action names, with what its rules need: one query for up to 200 pairs. */
export async function findMembershipsFor(db: Kysely<DB>, pairs: { workspaceId: string; userId: string }[]) {
  if (pairs.length === 0) return [];
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select([
      'memberships.workspace_id',
      'memberships.user_id',
      'memberships.role',
      'users.kind',
      'workspaces.status as workspace_status',
      'workspaces.guests_can_upload',
      'workspaces.guests_can_create_tasks',
      'workspaces.guests_can_comment',
      'workspaces.guests_can_see_members',
      'workspaces.guests_can_invite',
    ])
    .where((eb) =>
      eb.or(pairs.map((p) => eb.and([eb('memberships.workspace_id', '=', p.workspaceId), eb('memberships.user_id', '=', p.userId)]))),
    )
    .execute();
}

export type BulkMembershipRow = Awaited<ReturnType<typeof findMembershipsFor>>[number];
