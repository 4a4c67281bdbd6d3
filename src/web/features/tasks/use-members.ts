import type { Member } from '../../lib/api-types';
import { type Resource, useResource } from '../../lib/use-resource';
import { listMembers } from '../members/api';

/** The most members a picker pages through (100 each); the server allows 50 assignees anyway. */
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
 * The workspace's members, for the assignee picker and filter. Only loaded when the reader may
 * see the member list (`enabled`); otherwise the resource stays empty and nobody is offered.
 */
export function useMembers(workspaceId: string, enabled: boolean): Resource<Member[]> {
  return useResource((signal) => (enabled ? allMembers(workspaceId, signal) : Promise.resolve([])), `${workspaceId}:${enabled}`);
}

export const isEmployeeMember = (member: Member) => member.role === 'manager' || member.role === 'member';

/** Who may be assigned: active members but read-only viewers; for an internal task, employees only. */
export function assignable(members: readonly Member[], visibility: 'shared' | 'internal'): Member[] {
  return members.filter(
    (member) => member.status === 'active' && member.role !== 'viewer' && (visibility === 'shared' || isEmployeeMember(member)),
  );
}
