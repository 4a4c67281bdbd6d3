import type { Member } from '../../lib/api-types';
import { isEmployeeMember } from '../members/use-workspace-members';
import type { ActivityVisibility } from './types';

export { useWorkspaceMembers as useAttendeeMembers } from '../members/use-workspace-members';

/** Who may attend: active members, read-only viewers included; for an internal activity, employees only. */
export function canAttend(members: readonly Member[], visibility: ActivityVisibility): Member[] {
  return members.filter((member) => member.status === 'active' && (visibility === 'shared' || isEmployeeMember(member)));
}
