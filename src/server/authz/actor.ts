import type { UserKind, UserRole, UserStatus } from '../../shared/accounts.js';

/** Who is calling, resolved once per request by the auth plugin. */
export interface UserActor {
  type: 'user';
  id: string;
  email: string;
  name: string;
  kind: UserKind;
  role: UserRole;
  status: UserStatus;
  /** How the caller proved who they are; cookie callers are subject to the same-origin rule. */
  via: { type: 'session'; idHash: string } | { type: 'token'; tokenId: string };
}

/** The user columns an actor is made of; session and token lookups select exactly these. */
export const ACTOR_USER_COLUMNS = ['users.id', 'users.email', 'users.name', 'users.kind', 'users.role', 'users.status'] as const;

export interface AnonymousActor {
  type: 'anonymous';
}

export type Actor = UserActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { type: 'anonymous' };

export const isAdmin = (actor: Actor): boolean => actor.type === 'user' && actor.role === 'admin';

/** The actor a fresh session makes of a user (sign-in, setup), before any request carries the cookie. */
export function sessionActor(
  user: Pick<UserActor, 'id' | 'email' | 'name' | 'kind' | 'role' | 'status'>,
  sessionIdHash: string,
): UserActor {
  const { id, email, name, kind, role, status } = user;
  return { type: 'user', id, email, name, kind, role, status, via: { type: 'session', idHash: sessionIdHash } };
}
