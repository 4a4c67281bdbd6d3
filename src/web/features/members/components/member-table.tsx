import { useId } from 'react';
import { Button } from '../../../components/ui/button';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { formatDay } from '../../../lib/dates';
import { memberRoleLabels } from '../../workspaces/labels';
import type { MemberRow } from '../api';

export interface MemberTableProps {
  members: readonly MemberRow[];
  onChange: (member: MemberRow) => void;
  onRemove: (member: MemberRow) => void;
}

export function MemberTable({ members, onChange, onRemove }: MemberTableProps) {
  const captionId = useId();
  return (
    // Named by its caption: it sits inside the "Members" section, and one region of a name is enough.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className="visually-hidden">
          Members of this workspace
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Access ends</th>
            <th scope="col">Sponsor</th>
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <th scope="row">
                <span className="cell-title">{member.user.name}</span>
                {member.user.email && <span className="cell-note">{member.user.email}</span>}
                {member.user.externalOrganization && <span className="cell-note">{member.user.externalOrganization.name}</span>}
              </th>
              <td>{memberRoleLabels[member.role]}</td>
              <td>
                {member.expiresAt ? <time dateTime={member.expiresAt}>{formatDay(member.expiresAt)}</time> : 'No end date'}
                {member.status === 'expired' && (
                  <>
                    {' '}
                    <span className="badge badge-suspended">Expired</span>
                  </>
                )}
              </td>
              <td>{member.sponsor?.name ?? '—'}</td>
              <td className="cell-actions">
                <div className="row-actions">
                  {member.abilities.includes('update') && (
                    <Button onClick={() => onChange(member)}>
                      Change<VisuallyHidden> access for {member.user.name}</VisuallyHidden>
                    </Button>
                  )}
                  {member.abilities.includes('remove') && (
                    <Button variant="danger" onClick={() => onRemove(member)}>
                      Remove<VisuallyHidden> {member.user.name}</VisuallyHidden>
                    </Button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
