import { useEffect, useId, useRef } from 'react';
import { DateTime } from '../../../components/ui/date-time';
import { EmailText } from '../../../components/ui/email-text';
import { formatDay } from '../../../lib/dates';
import { memberRoleLabels } from '../../workspaces/labels';
import type { MembershipRow } from '../rows';

export interface GuestTableProps {
  rows: readonly MembershipRow[];
  selected: ReadonlySet<string>;
  /** Why the last bulk action refused a row, by row key. */
  errors: ReadonlyMap<string, string>;
  onToggle: (key: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
}

/** One row per guest membership, each with a checkbox; the bulk actions act on the ticked rows. */
export function GuestTable({ rows, selected, errors, onToggle, onToggleAll }: GuestTableProps) {
  const captionId = useId();
  const allId = useId();
  const allRef = useRef<HTMLInputElement>(null);
  const ticked = rows.filter((row) => selected.has(row.key)).length;
  const all = rows.length > 0 && ticked === rows.length;

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = ticked > 0 && !all;
  }, [ticked, all]);

  return (
    <>
      <div className="checkbox-row exposure-select-all">
        <input
          ref={allRef}
          id={allId}
          type="checkbox"
          className="checkbox"
          checked={all}
          onChange={(event) => onToggleAll(event.target.checked)}
        />
        <label htmlFor={allId} className="field-label">
          Select all on this page ({rows.length})
        </label>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
        <table className="table exposure-table">
          <caption id={captionId} className="visually-hidden">
            Guest memberships
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Selected</span>
              </th>
              <th scope="col">Guest</th>
              <th scope="col">Organization</th>
              <th scope="col">Workspace</th>
              <th scope="col">Role</th>
              <th scope="col">Sponsor</th>
              <th scope="col">End date</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <GuestRow key={row.key} row={row} checked={selected.has(row.key)} error={errors.get(row.key)} onToggle={onToggle} />
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

interface GuestRowProps {
  row: MembershipRow;
  checked: boolean;
  error: string | undefined;
  onToggle: (key: string, checked: boolean) => void;
}

function GuestRow({ row, checked, error, onToggle }: GuestRowProps) {
  const { guest, membership } = row;
  const checkboxId = useId();
  const errorId = useId();
  return (
    <tr className={error ? 'exposure-row-error' : undefined}>
      <td>
        <input
          id={checkboxId}
          type="checkbox"
          className="checkbox"
          checked={checked}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => onToggle(row.key, event.target.checked)}
        />
        <label htmlFor={checkboxId} className="visually-hidden">
          Select {guest.name} in {membership.workspace.name}
        </label>
      </td>
      <th scope="row" className="cell-wrap">
        <span className="cell-title">{guest.name}</span>
        <span className="cell-note">
          <EmailText email={guest.email} />
        </span>
        {guest.status === 'suspended' && <span className="badge badge-suspended">Suspended</span>}
        {error && (
          <p id={errorId} className="field-error">
            Not changed: {error}
          </p>
        )}
      </th>
      <td>{guest.externalOrganization?.name ?? <span className="empty">None</span>}</td>
      <td className="cell-wrap">
        {membership.workspace.name}
        {membership.workspace.status === 'archived' && <span className="badge badge-archived">Archived</span>}
      </td>
      <td>{memberRoleLabels[membership.role]}</td>
      <td>{membership.sponsor?.name ?? <span className="empty">Unknown</span>}</td>
      <td>
        {membership.expiresAt ? <time dateTime={membership.expiresAt}>{formatDay(membership.expiresAt)}</time> : 'No end date'}
        {membership.status === 'expired' && <span className="badge badge-suspended">Ended</span>}
      </td>
      <td>{guest.lastSignInAt ? <DateTime iso={guest.lastSignInAt} /> : 'Never'}</td>
    </tr>
  );
}
