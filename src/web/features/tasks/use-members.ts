import type { Member } from '../../lib/api-types';
import { isEmployeeMember } from '../members/use-workspace-members';

export { isEmployeeMember, useWorkspaceMembers as useMembers } from '../members/use-workspace-members';

/** Who may be assigned: active members but read-only viewers; for an internal task, employees only. */
export function assignable(members: readonly Member[], visibility: 'shared' | 'internal'): Member[] {
  return members.filter(
    (member) => member.status === 'active' && member.role !== 'viewer' && (visibility === 'shared' || isEmployeeMember(member)),
  );
}
