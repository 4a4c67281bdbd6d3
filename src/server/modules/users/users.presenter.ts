import { Type } from 'typebox';
import { USER_KINDS, USER_ROLES, USER_STATUSES } from '../../../shared/accounts.js';
import { type Actor, governsExtranet } from '../../authz/actor.js';
import { abilities } from '../../authz/index.js';
import { seesEmailOf } from '../../authz/policies/user.policy.js';
import { IdSchema, TimestampSchema } from '../../http/schemas.js';
import type { UserRow } from './users.repo.js';

const NamedRefSchema = Type.Object({ id: IdSchema, name: Type.String() });

export const UserSchema = Type.Object({
  id: IdSchema,
  email: Type.Optional(Type.String({ description: 'Absent where the directory rule hides it (guests looking at others)' })),
  name: Type.String(),
  kind: Type.Enum(USER_KINDS),
  // Guests looking at others get none of these: who administers what, or was here when, is staff business.
  role: Type.Optional(Type.Enum(USER_ROLES)),
  status: Type.Optional(Type.Enum(USER_STATUSES)),
  createdAt: Type.Optional(TimestampSchema),
  lastSignInAt: Type.Optional(Type.Union([TimestampSchema, Type.Null()])),
  visibleToGuests: Type.Optional(Type.Boolean({ description: 'Administrators and extranet administrators only' })),
  extranetGroup: Type.Optional(Type.Boolean({ description: 'Administrators and extranet administrators only' })),
  externalOrganization: Type.Optional(
    Type.Union([NamedRefSchema, Type.Null()], { description: 'Administrators and extranet administrators only' }),
  ),
  abilities: Type.Array(Type.String()),
});

export type PresentableUser = UserRow & { external_organization_name?: string | null };

/**
 * `inDirectory`: the row was loaded through the directory scope (`visibleUsers`), which is what a
 * guest's abilities on it depend on.
 */
export function presentUser(actor: Actor, row: PresentableUser, options: { inDirectory?: boolean } = {}) {
  const organization =
    row.external_organization_id === null ? null : { id: row.external_organization_id, name: row.external_organization_name ?? '' };
  return {
    id: row.id,
    ...(seesEmailOf(actor, row) ? { email: row.email } : {}),
    name: row.name,
    kind: row.kind,
    ...(actor.type === 'user' && (actor.kind === 'employee' || actor.id === row.id)
      ? { role: row.role, status: row.status, createdAt: row.created_at, lastSignInAt: row.last_sign_in_at }
      : {}),
    ...(governsExtranet(actor)
      ? { visibleToGuests: row.visible_to_guests === 1, extranetGroup: row.extranet_group === 1, externalOrganization: organization }
      : {}),
    abilities: abilities(actor, 'user', { ...row, inDirectory: options.inDirectory === true }),
  };
}

/** A person as they see themselves (sign-in, setup, `/me`): every account field is there. */
export const MeSchema = Type.Object({
  ...UserSchema.properties,
  email: Type.String(),
  role: Type.Enum(USER_ROLES),
  status: Type.Enum(USER_STATUSES),
  createdAt: TimestampSchema,
  lastSignInAt: Type.Union([TimestampSchema, Type.Null()]),
});
