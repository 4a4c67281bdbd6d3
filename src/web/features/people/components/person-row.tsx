import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { EmailText } from '../../../components/ui/email-text';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import type { User, UserRole } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { updateUser } from '../api';
import { kindLabels, RowAbility, roleLabel, roleOptions, statusLabels } from '../labels';
import { ExtranetFlags } from './extranet-flags';

export interface PersonRowProps {
  person: User;
  /** Adds the extranet column (flags for employees, organization for guests). */
  showExtranet?: boolean;
  onChanged: (person: User, message: string) => void;
  onFailed: (message: string) => void;
}

export function PersonRow({ person, showExtranet = false, onChanged, onFailed }: PersonRowProps) {
  const [role, setRole] = useState<UserRole>(person.role);
  const [busy, setBusy] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);

  // A reload (search, load more) may bring a newer role than the one picked here.
  useEffect(() => setRole(person.role), [person.role]);
  const canSuspend = person.abilities.includes(RowAbility.suspend);
  const canChangeRole = person.abilities.includes(RowAbility.changeRole);

  async function save(change: Parameters<typeof updateUser>[1], describe: (updated: User) => string) {
    setBusy(true);
    try {
      const updated = await updateUser(person.id, change);
      setRole(updated.role);
      onChanged(updated, describe(updated));
      // The "Save role" button that had focus goes away once saved.
      if ('role' in change) selectRef.current?.focus();
    } catch (error) {
      setRole(person.role);
      onFailed(`${person.name}: ${problemSummary(toApiError(error).problem)}`);
    } finally {
      setBusy(false);
    }
  }

  const suspended = person.status === 'suspended';
  return (
    <tr>
      <th scope="row">{person.name}</th>
      <td>
        <EmailText email={person.email} />
      </td>
      <td>{kindLabels[person.kind]}</td>
      <td>
        {canChangeRole ? (
          // Saved with a button, not on change: arrow keys on a closed select fire "change" in some browsers.
          <div className="role-cell">
            <select
              ref={selectRef}
              className="input select select-compact"
              // Named for what it changes and whose, not only by the person ("Role of Eve Employee").
              aria-label={`Role of ${person.name}`}
              value={role}
              onChange={(event) => setRole(event.target.value as UserRole)}
            >
              {roleOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            {role !== person.role && (
              <Button
                variant="primary"
                busy={busy}
                onClick={() => save({ role }, (updated) => `${updated.name} is now: ${roleLabel(updated.role, updated.kind)}.`)}
              >
                Save role<VisuallyHidden> for {person.name}</VisuallyHidden>
              </Button>
            )}
          </div>
        ) : (
          roleLabel(person.role, person.kind)
        )}
      </td>
      <td>
        <span className={`badge badge-${person.status}`}>{statusLabels[person.status]}</span>
      </td>
      <td>{person.lastSignInAt ? <DateTime iso={person.lastSignInAt} /> : 'Never'}</td>
      {showExtranet && (
        <td>
          <ExtranetFlags person={person} onChanged={onChanged} onFailed={onFailed} />
        </td>
      )}
      <td className="cell-actions">
        {canSuspend && (
          <Button
            variant={suspended ? 'secondary' : 'danger'}
            busy={busy}
            onClick={() =>
              save({ status: suspended ? 'active' : 'suspended' }, (updated) =>
                updated.status === 'suspended'
                  ? `${updated.name} is suspended and has been signed out.`
                  : `${updated.name} can sign in again.`,
              )
            }
          >
            {suspended ? 'Reactivate' : 'Suspend'}
            <VisuallyHidden> {person.name}</VisuallyHidden>
          </Button>
        )}
      </td>
    </tr>
  );
}
