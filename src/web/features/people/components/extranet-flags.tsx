import { useState } from 'react';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import type { User } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { type ExtranetFlags as FlagChange, updateExtranetFlags } from '../../extranet/api';

/** Whether the server sent extranet flags for this list (only to administrators). */
export function carriesExtranetFlags(person: User): boolean {
  return person.visibleToGuests !== undefined || person.extranetGroup !== undefined || person.externalOrganization !== undefined;
}

export interface ExtranetFlagsProps {
  person: User;
  onChanged: (person: User, message: string) => void;
  onFailed: (message: string) => void;
}

/** Employees: the two extranet switches, saved as soon as they change. Guests: their organization. */
export function ExtranetFlags({ person, onChanged, onFailed }: ExtranetFlagsProps) {
  const [busy, setBusy] = useState(false);
  // What was just clicked, shown at once and dropped when the server answers (or refuses).
  const [pending, setPending] = useState<FlagChange | null>(null);
  // Shown to everyone who receives the flags; changeable only where the row says so.
  const canSet = person.abilities.includes('set_extranet_flags');

  if (person.kind === 'guest') return <>{person.externalOrganization?.name ?? 'No organization'}</>;

  async function save(change: FlagChange, describe: (updated: User) => string) {
    setBusy(true);
    setPending(change);
    try {
      const updated = await updateExtranetFlags(person.id, change);
      onChanged(updated, describe(updated));
    } catch (error) {
      onFailed(`${person.name}: ${problemSummary(toApiError(error).problem)}`);
    } finally {
      setPending(null);
      setBusy(false);
    }
  }

  return (
    <div className="flag-list">
      {person.visibleToGuests !== undefined && (
        <label className="checkbox-row">
          <input
            type="checkbox"
            className="checkbox"
            checked={pending?.visibleToGuests ?? person.visibleToGuests}
            disabled={!canSet}
            aria-disabled={busy || undefined}
            onChange={(event) => {
              if (busy) return;
              save({ visibleToGuests: event.target.checked }, (updated) =>
                updated.visibleToGuests
                  ? `Every guest can now see ${updated.name}.`
                  : `Guests no longer see ${updated.name} unless they share a workspace.`,
              );
            }}
          />
          <span>
            Visible to all guests<VisuallyHidden>: {person.name}</VisuallyHidden>
          </span>
        </label>
      )}
      {person.extranetGroup !== undefined && (
        <label className="checkbox-row">
          <input
            type="checkbox"
            className="checkbox"
            checked={pending?.extranetGroup ?? person.extranetGroup}
            disabled={!canSet}
            aria-disabled={busy || undefined}
            onChange={(event) => {
              if (busy) return;
              save({ extranetGroup: event.target.checked }, (updated) =>
                updated.extranetGroup ? `${updated.name} is now in the extranet group.` : `${updated.name} has left the extranet group.`,
              );
            }}
          />
          <span>
            Extranet group<VisuallyHidden>: {person.name}</VisuallyHidden>
          </span>
        </label>
      )}
    </div>
  );
}
