import { api } from '../../lib/api-client';
import type { Invitation, MemberRole, NamedRef, Page, UserStatus, WorkspaceStatus } from '../../lib/api-types';
import { withQuery } from '../../lib/query';

// The exposure dashboard's API (administrators and extranet administrators): see docs/exposure.md.

export const pageSize = 50;

export interface ExposureSummary {
  seats: { used: number; limit: number | null };
  guests: number;
  pendingInvitations: number;
  expiredInvitations: number;
  inactiveGuests: number;
  endingSoon: number;
  inactiveDays: number;
  endingWithinDays: number;
}

export interface ExposedMembership {
  workspace: NamedRef & { status: WorkspaceStatus };
  role: MemberRole;
  expiresAt: string | null;
  sponsor: NamedRef | null;
  status: 'active' | 'expired';
}

export interface ExposedGuest {
  user: {
    id: string;
    name: string;
    email: string;
    status: UserStatus;
    createdAt: string;
    lastSignInAt: string | null;
    externalOrganization: NamedRef | null;
  };
  memberships: ExposedMembership[];
}

export interface GuestFilters {
  q: string;
  status: '' | UserStatus;
  inactiveDays: string;
  endingWithinDays: string;
}

/** One guest's membership, as the bulk actions name it. */
export interface MembershipItem {
  workspaceId: string;
  userId: string;
}

export function getSummary(days: { inactiveDays?: number; endingWithinDays?: number }, signal: AbortSignal) {
  return api.get<ExposureSummary>(withQuery('/api/v1/exposure/summary', days), { signal });
}

/** A page of guests; the id is the guest's, so the list can be paged and replaced like others. */
export async function listGuests(
  filters: GuestFilters,
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<ExposedGuest & { id: string }>> {
  const query = { ...filters, q: filters.q.trim(), limit: pageSize, cursor };
  const page = await api.get<Page<ExposedGuest>>(withQuery('/api/v1/exposure/guests', query), { signal });
  return { ...page, items: page.items.map((guest) => ({ ...guest, id: guest.user.id })) };
}

export function listExposedInvitations(status: '' | 'pending' | 'expired', cursor: string | null, signal: AbortSignal) {
  return api.get<Page<Invitation>>(withQuery('/api/v1/exposure/invitations', { status, limit: pageSize, cursor }), { signal });
}

export function revokeMemberships(items: MembershipItem[]): Promise<{ revoked: number; suspended: number }> {
  return api.post('/api/v1/exposure/memberships/revoke', { items });
}

export function extendMemberships(items: MembershipItem[], expiresAt: string | null): Promise<{ extended: number }> {
  return api.post('/api/v1/exposure/memberships/extend', { items, expiresAt });
}
