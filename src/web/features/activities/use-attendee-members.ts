import type { Member } from '../../lib/api-types';
import { type Resource, useResource } from '../../lib/use-resource';
import { listMembers } from '../members/api';
import type { ActivityVisibility } from './types';

/** The most member pages a picker reads (100 each); an activity has at most 100 attendees anyway. */
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

/** The workspace's members for the attendee picker; nothing is loaded unless `enabled`. */
export function useAttendeeMembers(workspaceId: string, enabled: boolean): Resource<Member[]> {
  return useResource((signal) => (enabled ? allMembers(workspaceId, signal) : Promise.resolve([])), `${workspaceId}:${enabled}`);
}

const isEmployeeMember = (member: Member) => member.role === 'manager' || member.role === 'member';

/** Who may attend: active members, read-only viewers included; for an internal activity, employees only. */
export function canAttend(members: readonly Member[], visibility: ActivityVisibility): Member[] {
  return members.filter((member) => member.status === 'active' && (visibility === 'shared' || isEmployeeMember(member)));
}
