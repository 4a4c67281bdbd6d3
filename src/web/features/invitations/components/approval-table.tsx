import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { EmailText } from '../../../components/ui/email-text';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import type { Invitation } from '../../../lib/api-types';
import { formatDay } from '../../../lib/dates';
import { memberRoleLabels } from '../../workspaces/labels';

export interface ApprovalTableProps {
  invitations: readonly Invitation[];
  busyId: string | null;
  onApprove: (invitation: Invitation) => void;
  onReject: (invitation: Invitation) => void;
}

export function ApprovalTable({ invitations, busyId, onApprove, onReject }: ApprovalTableProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" aria-label="Invitations awaiting approval" tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">Invitations awaiting approval</caption>
        <thead>
          <tr>
            <th scope="col">E-mail</th>
            <th scope="col">Workspace</th>
            <th scope="col">Role</th>
            <th scope="col">Invited by</th>
            <th scope="col">Access ends</th>
            <th scope="col">Asked</th>
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <th scope="row">
                <span className="cell-title">
                  <EmailText email={invitation.email} />
                </span>
                {invitation.externalOrganization && <span className="cell-note">{invitation.externalOrganization.name}</span>}
                {invitation.message && <span className="cell-note cell-wrap">“{invitation.message}”</span>}
              </th>
              <td>
                <Link to={`/workspaces/${encodeURIComponent(invitation.workspace.id)}`}>{invitation.workspace.name}</Link>
              </td>
              <td>{memberRoleLabels[invitation.role]}</td>
              <td>{invitation.inviter?.name ?? '—'}</td>
              <td>{formatDay(invitation.expiresAt)}</td>
              <td>
                <DateTime iso={invitation.createdAt} />
              </td>
              <td className="cell-actions">
                <div className="row-actions">
                  {invitation.abilities.includes('approve') && (
                    <Button variant="primary" busy={busyId === invitation.id} onClick={() => onApprove(invitation)}>
                      Approve<VisuallyHidden> {invitation.email}</VisuallyHidden>
                    </Button>
                  )}
                  {invitation.abilities.includes('reject') && (
                    <Button variant="danger" onClick={() => onReject(invitation)}>
                      Reject<VisuallyHidden> {invitation.email}</VisuallyHidden>
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
