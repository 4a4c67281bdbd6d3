import { Button } from '../../../components/ui/button';
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

/** The members a form may pick from, as its page loaded them. */
export interface PickableMembers {
  /** Null when the reader may not see the member list: nobody can be picked then. */
  list: readonly Member[] | null;
  loading: boolean;
  failed: boolean;
  onRetry: () => void;
}

export interface MemberPickerProps extends Omit<MemberChoicesProps, 'members'> {
  members: PickableMembers;
  /** Who may be picked for this item right now (null until the list is loaded). */
  eligible: readonly Member[] | null;
  /** What to say when the reader may not see the member list. */
  cannotSee: string;
  /** What to say when nobody can be picked. */
  nobody: string;
  /** A line above the choices (what picking means here). */
  hint?: string;
}

/** The body of an assignee or attendee fieldset: loading and failure, nobody to pick, or the choices. */
export function MemberPicker({ members, eligible, cannotSee, nobody, hint, ...choices }: MemberPickerProps) {
  if (members.list === null) {
    if (members.loading) return <p className="field-hint">Loading the workspace’s members…</p>;
    if (members.failed)
      return (
        <div>
          <p className="field-hint">The workspace’s members could not be loaded, so nobody can be picked right now.</p>
          <Button onClick={members.onRetry}>Try again</Button>
        </div>
      );
    return <p className="field-hint">{cannotSee}</p>;
  }
  if (eligible && eligible.length === 0) return <p className="field-hint">{nobody}</p>;
  return (
    <>
      {hint && <p className="field-hint">{hint}</p>}
      <MemberChoices {...choices} members={eligible ?? []} />
    </>
  );
}
