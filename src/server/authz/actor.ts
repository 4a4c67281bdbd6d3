import type { UserKind, UserRole, UserStatus } from '../../shared/accounts.js';
import type { ExtranetCreators, MemberRole } from '../../shared/workspaces.js';

/** A workspace the caller may enter right now: active and not past its end date at this request. */
export interface ActorMembership {
  role: MemberRole;
  expiresAt: string | null;
}

/** The organization's extranet rules that decide access, read once per request with the actor. */
export interface ExtranetRules {
  enabled: boolean;
  creators: ExtranetCreators;
  guestsSeeOwnOrganization: boolean;
  guestsSeeEmployeeEmails: boolean;
}

export const DEFAULT_RULES: ExtranetRules = {
  enabled: false,
  creators: 'all_employees',
  guestsSeeOwnOrganization: false,
  guestsSeeEmployeeEmails: false,
};

/** Who is calling, resolved once per request by the auth plugin. */
export interface UserActor {
  type: 'user';
  id: string;
  email: string;
  name: string;
  kind: UserKind;
  role: UserRole;
  status: UserStatus;
  createdAt: string;
  lastSignInAt: string | null;
  externalOrganizationId: string | null;
  visibleToGuests: boolean;
  extranetGroup: boolean;
  memberships: ReadonlyMap<string, ActorMembership>;
  rules: ExtranetRules;
  /** How the caller proved who they are; cookie callers are subject to the same-origin rule. */
  via: { type: 'session'; idHash: string } | { type: 'token'; tokenId: string };
}

/** The user columns an actor is made of; session and token lookups select exactly these. */
export const ACTOR_USER_COLUMNS = [
  'users.id',
  'users.email',
  'users.name',
  'users.kind',
  'users.role',
  'users.status',
  'users.created_at',
  'users.last_sign_in_at',
  'users.external_organization_id',
  'users.visible_to_guests',
  'users.extranet_group',
] as const;

export interface ActorUserRow {
  id: string;
  email: string;
  name: string;
  kind: UserKind;
  role: UserRole;
  status: UserStatus;
  created_at: string;
  last_sign_in_at: string | null;
  external_organization_id: string | null;
  visible_to_guests: number;
  extranet_group: number;
}

export interface AnonymousActor {
  type: 'anonymous';
}

export type Actor = UserActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { type: 'anonymous' };

export const isAdmin = (actor: Actor): boolean => actor.type === 'user' && actor.role === 'admin';

/** Administrators and extranet administrators govern the extranet: every workspace, every guest. */
export const governsExtranet = (actor: Actor): boolean =>
  actor.type === 'user' && actor.kind === 'employee' && (actor.role === 'admin' || actor.role === 'extranet_admin');

export const isEmployee = (actor: Actor): boolean => actor.type === 'user' && actor.kind === 'employee';

/**
 * A guest while the extranet is switched off: they keep their account but may do nothing except
 * sign out — no request, stream, feed or notification. `rules` may be fresher than the actor's.
 */
export const extranetClosedTo = (
  actor: Actor,
  rules: ExtranetRules | undefined = actor.type === 'user' ? actor.rules : undefined,
): boolean => actor.type === 'user' && actor.kind === 'guest' && rules?.enabled === false;

/** The caller's membership of a workspace, if it lets them in at this request. */
export const membershipOf = (actor: Actor, workspaceId: string): ActorMembership | undefined =>
  actor.type === 'user' ? actor.memberships.get(workspaceId) : undefined;

export function makeActor(
  row: ActorUserRow,
  via: UserActor['via'],
  memberships: ReadonlyMap<string, ActorMembership>,
  rules: ExtranetRules,
): UserActor {
  return {
    type: 'user',
    id: row.id,
    email: row.email,
    name: row.name,
    kind: row.kind,
    role: row.role,
    status: row.status,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    externalOrganizationId: row.external_organization_id,
    visibleToGuests: row.visible_to_guests === 1,
    extranetGroup: row.extranet_group === 1,
    memberships,
    rules,
    via,
  };
}
