import { Type } from 'typebox';
import { USER_STATUSES } from '../../../shared/accounts.js';
import { MEMBER_ROLES, WORKSPACE_STATUSES } from '../../../shared/workspaces.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { PersonRefSchema, personRef } from '../directory/person-ref.js';
import { membershipEnded } from '../members/members.presenter.js';
import type { GuestRow, MembershipRow } from './exposure.repo.js';

export const ExposureSummarySchema = Type.Object({
  seats: Type.Object({
    used: Type.Integer({ description: 'Active guest accounts' }),
    limit: Nullable(Type.Integer({ description: 'The guest seat limit; null when there is none' })),
  }),
  guests: Type.Integer({ description: 'Guest accounts, active or suspended' }),
  pendingInvitations: Type.Integer({ description: 'Awaiting approval, or sent with a link still valid' }),
  expiredInvitations: Type.Integer({ description: 'Sent, link ran out before acceptance' }),
  inactiveGuests: Type.Integer({ description: 'Active guests with no sign-in within inactiveDays (or never)' }),
  endingSoon: Type.Integer({ description: 'Active memberships of active guests ending within endingWithinDays' }),
  inactiveDays: Type.Integer(),
  endingWithinDays: Type.Integer(),
});

export const ExposedGuestSchema = Type.Object({
  user: Type.Object({
    id: IdSchema,
    name: Type.String(),
    email: Type.String(),
    status: Type.Enum(USER_STATUSES),
    createdAt: TimestampSchema,
    lastSignInAt: Nullable(TimestampSchema),
    externalOrganization: Nullable(Type.Object({ id: IdSchema, name: Type.String() })),
  }),
  memberships: Type.Array(
    Type.Object({
      workspace: Type.Object({ id: IdSchema, name: Type.String(), status: Type.Enum(WORKSPACE_STATUSES) }),
      role: Type.Enum(MEMBER_ROLES),
      expiresAt: Nullable(TimestampSchema),
      sponsor: Nullable(PersonRefSchema),
      status: Type.Enum(['active', 'expired']),
    }),
  ),
});

export function presentGuest(row: GuestRow, memberships: MembershipRow[], visible: Set<string>, now: string) {
  return {
    user: {
      id: row.id,
      name: row.name,
      email: row.email,
      status: row.status,
      createdAt: row.created_at,
      lastSignInAt: row.last_sign_in_at,
      externalOrganization:
        row.external_organization_id && row.organization_name !== null
          ? { id: row.external_organization_id, name: row.organization_name }
          : null,
    },
    memberships: memberships.map((m) => ({
      workspace: { id: m.workspace_id, name: m.workspace_name, status: m.workspace_status },
      role: m.role,
      expiresAt: m.expires_at,
      sponsor: personRef(m.sponsor_id && m.sponsor_name !== null ? { id: m.sponsor_id, name: m.sponsor_name } : null, visible),
      status: membershipEnded(m, now) ? ('expired' as const) : ('active' as const),
    })),
  };
}
