import type { Member } from '../../../lib/api-types';
import { memberRoleLabels } from '../../workspaces/labels';

export interface MemberChoicesProps {
  /** Prefix of the checkboxes' ids (from useId). */
  idPrefix: string;
  members: readonly Member[];
  selected: readonly string[];
  onToggle: (userId: string, checked: boolean) => void;
}

/** One checkbox per member, with their role and organization: assignees of a task, attendees of an activity. */
export function MemberChoices({ idPrefix, members, selected, onToggle }: MemberChoicesProps) {
  return (
    <ul className="member-choices">
      {members.map((member) => {
        const inputId = `${idPrefix}-${member.user.id}`;
        const organization = member.user.externalOrganization?.name;
        return (
          <li key={member.user.id} className="checkbox-row">
            <input
              id={inputId}
              type="checkbox"
              className="checkbox"
              checked={selected.includes(member.user.id)}
              onChange={(event) => onToggle(member.user.id, event.target.checked)}
            />
            <label htmlFor={inputId}>
              {member.user.name}
              <span className="member-choice-note">
                {' '}
                · {memberRoleLabels[member.role]}
                {organization ? `, ${organization}` : ''}
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
