import { api } from '../../lib/api-client';
import type { Member, MemberRole, Page } from '../../lib/api-types';
import { withQuery } from '../../lib/query';

/** Members are keyed by their person; the list helpers want an `id`. */
export type MemberRow = Member & { id: string };

const membersPath = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/members`;
const memberPath = (workspaceId: string, userId: string) => `${membersPath(workspaceId)}/${encodeURIComponent(userId)}`;

const withId = (member: Member): MemberRow => ({ ...member, id: member.user.id });

export async function listMembers(workspaceId: string, cursor: string | null, signal: AbortSignal): Promise<Page<MemberRow>> {
  const page = await api.get<Page<Member>>(withQuery(membersPath(workspaceId), { limit: 100, cursor }), { signal });
  return { items: page.items.map(withId), nextCursor: page.nextCursor };
}

export interface MemberChange {
  role?: MemberRole;
  expiresAt?: string | null;
}

export async function updateMember(workspaceId: string, userId: string, change: MemberChange): Promise<MemberRow> {
  return withId(await api.patch<Member>(memberPath(workspaceId, userId), change));
}

export function removeMember(workspaceId: string, userId: string): Promise<void> {
  return api.delete(memberPath(workspaceId, userId));
}
