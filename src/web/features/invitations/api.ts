import { api } from '../../lib/api-client';
import type { AcceptedInvitation, Invitation, InvitationPreview, MemberRole, Page } from '../../lib/api-types';
import { withQuery } from '../../lib/query';

const invitationsPath = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/invitations`;
const invitationPath = (invitation: Pick<Invitation, 'id' | 'workspace'>) =>
  `${invitationsPath(invitation.workspace.id)}/${encodeURIComponent(invitation.id)}`;

export function listInvitations(workspaceId: string, cursor: string | null, signal: AbortSignal): Promise<Page<Invitation>> {
  return api.get<Page<Invitation>>(withQuery(invitationsPath(workspaceId), { limit: 50, cursor }), { signal });
}

export interface NewInvitation {
  email: string;
  role: MemberRole;
  expiresAt?: string;
  message?: string;
  externalOrganizationId?: string;
}

export function createInvitation(workspaceId: string, input: NewInvitation): Promise<Invitation> {
  return api.post<Invitation>(invitationsPath(workspaceId), input);
}

export type InvitationStep = 'resend' | 'revoke' | 'approve';

export function changeInvitation(invitation: Invitation, step: InvitationStep): Promise<Invitation> {
  return api.post<Invitation>(`${invitationPath(invitation)}/${step}`);
}

export function rejectInvitation(invitation: Invitation, reason: string): Promise<Invitation> {
  return api.post<Invitation>(`${invitationPath(invitation)}/reject`, { reason });
}

export function listAwaitingApproval(cursor: string | null, signal: AbortSignal): Promise<Page<Invitation>> {
  return api.get<Page<Invitation>>(withQuery('/api/v1/invitations', { status: 'awaiting_approval', limit: 50, cursor }), { signal });
}

// The token travels in the path here; the server redacts long random path segments in its log.
const tokenPath = (token: string) => `/api/v1/invitations/${encodeURIComponent(token)}`;

/** Public: what the link is for, shown before anyone signs up. */
export function getInvitationPreview(token: string, signal: AbortSignal): Promise<InvitationPreview> {
  return api.get<InvitationPreview>(tokenPath(token), { signal, expectUnauthorized: true });
}

/** With a name and password for a new account, or nothing when signed in as the invited person. */
export function acceptInvitation(token: string, account?: { name: string; password: string }): Promise<AcceptedInvitation> {
  return api.post<AcceptedInvitation>(`${tokenPath(token)}/accept`, account ?? {}, { expectUnauthorized: true });
}
