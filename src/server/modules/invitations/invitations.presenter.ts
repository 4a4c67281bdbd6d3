import { Type } from 'typebox';
import { INVITATION_STATUSES, type InvitationStatus, MEMBER_ROLES } from '../../../shared/workspaces.js';
import { type Actor, abilities } from '../../authz/index.js';
import type { InvitationTarget } from '../../authz/policies/invitation.policy.js';
import type { AppContext } from '../../context.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { PersonRefSchema, personRef } from '../directory/person-ref.js';
import { guestSettingsOf } from '../workspaces/workspaces.repo.js';
import { acceptUrl } from './invitation-links.js';
import type { InvitationRow } from './invitations.repo.js';

const Ref = Type.Object({ id: IdSchema, name: Type.String() });

export const InvitationSchema = Type.Object({
  id: IdSchema,
  workspace: Ref,
  email: Type.String(),
  role: Type.Enum(MEMBER_ROLES),
  status: Type.Enum(INVITATION_STATUSES),
  expiresAt: Nullable(TimestampSchema),
  message: Nullable(Type.String()),
  inviter: Nullable(PersonRefSchema),
  externalOrganization: Nullable(Ref),
  createdAt: TimestampSchema,
  sentAt: Nullable(TimestampSchema),
  linkExpiresAt: Nullable(TimestampSchema),
  rejectionReason: Nullable(Type.String()),
  acceptUrl: Type.Optional(Type.String()),
  abilities: Type.Array(Type.String()),
});

const linkExpired = (row: InvitationRow, now: string) => row.link_expires_at !== null && row.link_expires_at <= now;

export function invitationStatus(row: InvitationRow, now: string): InvitationStatus {
  return row.status === 'sent' && linkExpired(row, now) ? 'expired' : row.status;
}

export function invitationTarget(row: InvitationRow, now = new Date().toISOString()): InvitationTarget {
  return {
    workspace: { id: row.workspace_id, status: row.workspace_status, guestSettings: guestSettingsOf(row) },
    inviterId: row.inviter_id,
    status: row.status,
    role: row.role,
    linkExpired: linkExpired(row, now),
  };
}

export function presentInvitation(ctx: AppContext, actor: Actor, row: InvitationRow, visible: Set<string>, now = new Date().toISOString()) {
  const target = invitationTarget(row, now);
  // Nothing but reading while the workspace is archived, and no link goes out while the extranet is closed.
  const extranetOpen = actor.type === 'user' && actor.rules.enabled;
  const allowed =
    row.workspace_status === 'archived'
      ? ['read' as const]
      : abilities(actor, 'invitation', target).filter((a) => extranetOpen || !['resend', 'copy_link', 'approve'].includes(a));
  return {
    id: row.id,
    workspace: { id: row.workspace_id, name: row.workspace_name },
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    expiresAt: row.access_ends_at,
    message: row.message,
    inviter: personRef(row.inviter_id && row.inviter_name !== null ? { id: row.inviter_id, name: row.inviter_name } : null, visible),
    externalOrganization:
      row.external_organization_id && row.organization_name !== null
        ? { id: row.external_organization_id, name: row.organization_name }
        : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    linkExpiresAt: row.link_expires_at,
    rejectionReason: row.rejection_reason,
    ...(allowed.includes('copy_link') ? { acceptUrl: acceptUrl(ctx, row.id) } : {}),
    abilities: allowed,
  };
}
