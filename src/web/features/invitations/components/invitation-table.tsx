import { useId } from 'react';
import { Button } from '../../../components/ui/button';
import { EmailText } from '../../../components/ui/email-text';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import type { Invitation } from '../../../lib/api-types';
import { formatDay } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/format';
import { memberRoleLabels } from '../../workspaces/labels';
import type { InvitationStep } from '../api';
import { invitationStatusLabels, invitationStatusTone } from '../labels';

export interface InvitationTableProps {
  invitations: readonly Invitation[];
  busyId: string | null;
  onStep: (invitation: Invitation, step: InvitationStep) => void;
  onCopyLink: (invitation: Invitation) => void;
}

function StatusCell({ invitation }: { invitation: Invitation }) {
  return (
    <>
      <span className={`badge badge-${invitationStatusTone[invitation.status]}`}>{invitationStatusLabels[invitation.status]}</span>
      {invitation.status === 'sent' && invitation.linkExpiresAt && (
        <span className="cell-note">Link valid until {formatDateTime(invitation.linkExpiresAt)}</span>
      )}
      {invitation.status === 'rejected' && invitation.rejectionReason && (
        <span className="cell-note">Reason: {invitation.rejectionReason}</span>
      )}
    </>
  );
}

export function InvitationTable({ invitations, busyId, onStep, onCopyLink }: InvitationTableProps) {
  const captionId = useId();
  return (
    // Named by its caption: it sits inside the "Invitations" section, and one region of a name is enough.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className="visually-hidden">
          Invitations to this workspace
        </caption>
        <thead>
          <tr>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Access ends</th>
            <th scope="col">Invited by</th>
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => {
            const can = (action: string) => (invitation.abilities as string[]).includes(action);
            const busy = busyId === invitation.id;
            return (
              <tr key={invitation.id}>
                <th scope="row">
                  <EmailText email={invitation.email} />
                </th>
                <td>{memberRoleLabels[invitation.role]}</td>
                <td>
                  <StatusCell invitation={invitation} />
                </td>
                <td>{formatDay(invitation.expiresAt)}</td>
                <td>{invitation.inviter?.name ?? '—'}</td>
                <td className="cell-actions">
                  <div className="row-actions">
                    {can('copy_link') && invitation.acceptUrl && (
                      <Button onClick={() => onCopyLink(invitation)}>
                        Copy link<VisuallyHidden> for {invitation.email}</VisuallyHidden>
                      </Button>
                    )}
                    {can('resend') && (
                      <Button busy={busy} onClick={() => onStep(invitation, 'resend')}>
                        Resend<VisuallyHidden> to {invitation.email}</VisuallyHidden>
                      </Button>
                    )}
                    {can('revoke') && (
                      <Button variant="danger" busy={busy} onClick={() => onStep(invitation, 'revoke')}>
                        Revoke<VisuallyHidden> invitation for {invitation.email}</VisuallyHidden>
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
