import { Type } from 'typebox';
import { USER_KINDS } from '../../../shared/accounts.js';
import { MEMBER_ROLES } from '../../../shared/workspaces.js';
import { type Actor, abilities } from '../../authz/index.js';
import { seesEmailOf } from '../../authz/policies/user.policy.js';
import type { WorkspaceTarget } from '../../authz/policies/workspace.policy.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { PersonRefSchema, personRef } from '../directory/person-ref.js';
import type { MemberRow } from './members.repo.js';

export const MemberSchema = Type.Object({
  user: Type.Object({
    id: IdSchema,
    name: Type.String(),
    email: Type.Optional(Type.String()),
    kind: Type.Enum(USER_KINDS),
    externalOrganization: Type.Optional(Nullable(Type.Object({ id: IdSchema, name: Type.String() }))),
  }),
  role: Type.Enum(MEMBER_ROLES),
  expiresAt: Nullable(TimestampSchema),
  sponsor: Nullable(PersonRefSchema),
  status: Type.Enum(['active', 'expired']),
  abilities: Type.Array(Type.String()),
});

/** Ended by its date, whether or not the expiry job has marked it yet. */
export const membershipEnded = (row: Pick<MemberRow, 'status' | 'expires_at'>, now: string) =>
  row.status === 'expired' || (row.expires_at !== null && row.expires_at <= now);

export function presentMember(actor: Actor, workspace: WorkspaceTarget, row: MemberRow, visible: Set<string>, now: string) {
  const person = { id: row.user_id, kind: row.kind };
  const governs = actor.type === 'user' && actor.kind === 'employee';
  return {
    user: {
      id: row.user_id,
      name: row.name,
      ...(seesEmailOf(actor, person) ? { email: row.email } : {}),
      kind: row.kind,
      ...(governs && row.kind === 'guest'
        ? {
            externalOrganization:
              row.external_organization_id && row.organization_name !== null
                ? { id: row.external_organization_id, name: row.organization_name }
                : null,
          }
        : {}),
    },
    role: row.role,
    expiresAt: row.expires_at,
    sponsor: personRef(row.sponsor_id && row.sponsor_name !== null ? { id: row.sponsor_id, name: row.sponsor_name } : null, visible),
    status: membershipEnded(row, now) ? ('expired' as const) : ('active' as const),
    abilities: workspace.status === 'archived' ? [] : abilities(actor, 'member', { workspace, userId: row.user_id, role: row.role }),
  };
}
