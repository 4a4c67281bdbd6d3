import { Type } from 'typebox';
import { USER_KINDS, USER_ROLES, USER_STATUSES } from '../../../shared/accounts.js';
import { type Actor, abilities } from '../../authz/index.js';
import { IdSchema, TimestampSchema } from '../../http/schemas.js';
import type { UserRow } from './users.repo.js';

export const UserSchema = Type.Object({
  id: IdSchema,
  email: Type.String(),
  name: Type.String(),
  kind: Type.Enum(USER_KINDS),
  role: Type.Enum(USER_ROLES),
  status: Type.Enum(USER_STATUSES),
  createdAt: TimestampSchema,
  lastSignInAt: Type.Union([TimestampSchema, Type.Null()]),
  abilities: Type.Array(Type.String()),
});

export function presentUser(actor: Actor, row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    kind: row.kind,
    role: row.role,
    status: row.status,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    abilities: abilities(actor, 'user', row),
  };
}
