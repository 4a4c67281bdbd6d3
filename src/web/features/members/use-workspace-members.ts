import type { Member } from '../../lib/api-types';
import { type Resource, useResource } from '../../lib/use-resource';
import { listMembers } from './api';
import type { PickableMembers } from './components/member-choices';

/** The most member pages a picker reads (100 each): far beyond the 50 assignees or 100 attendees an item takes. */
const maxPages = 10;

async function allMembers(workspaceId: string, signal: AbortSignal): Promise<Member[]> {
  const members: Member[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await listMembers(workspaceId, cursor, signal);
    members.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  return members.sort((a, b) => a.user.name.localeCompare(b.user.name));
}

/**
 * The workspace's members, for pickers (assignees, attendees) and filters. Only loaded when the
 * reader may see the member list (`enabled`); otherwise the resource stays empty and nobody is offered.
 */
export function useWorkspaceMembers(workspaceId: string, enabled: boolean): Resource<Member[]> {
  return useResource((signal) => (enabled ? allMembers(workspaceId, signal) : Promise.resolve([])), `${workspaceId}:${enabled}`);
}

export const isEmployeeMember = (member: Member) => member.role === 'manager' || member.role === 'member';

/** What a form may pick from: nobody unless the reader may see the member list; still loading while `waiting` (e.g. for the workspace). */
export function pickableMembers(members: Resource<Member[]>, canSeeMembers: boolean, waiting = false): PickableMembers {
  return {
    list: canSeeMembers ? members.data : null,
    loading: waiting || (canSeeMembers && members.loading),
    failed: members.error !== null,
    onRetry: members.reload,
  };
}
