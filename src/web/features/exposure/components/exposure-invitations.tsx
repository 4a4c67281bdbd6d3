import { forwardRef, useId, useState } from 'react';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { EmailText } from '../../../components/ui/email-text';
import { LoadMore } from '../../../components/ui/load-more';
import { ViewToggle } from '../../../components/ui/view-toggle';
import { toApiError } from '../../../lib/api-client';
import type { Invitation } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { usePagedList } from '../../../lib/use-paged-list';
import { changeInvitation } from '../../invitations/api';
import { invitationStatusLabels, invitationStatusTone } from '../../invitations/labels';
import { memberRoleLabels } from '../../workspaces/labels';
import { listExposedInvitations } from '../api';

export type InvitationFilter = 'all' | 'pending' | 'expired';

const filterLabels: Record<InvitationFilter, string> = { all: 'Pending and expired', pending: 'Pending', expired: 'Expired' };

export interface ExposureInvitationsProps {
  filter: InvitationFilter;
  onFilter: (filter: InvitationFilter) => void;
  /** An invitation was sent again: the summary's figures change. */
  onChanged: () => void;
}

/** Invitations of every workspace nobody has accepted yet: waiting, sent, or with a link that ran out. */
export const ExposureInvitations = forwardRef<HTMLHeadingElement, ExposureInvitationsProps>(function ExposureInvitations(
  { filter, onFilter, onChanged },
  headingRef,
) {
  const headingId = useId();
  const list = usePagedList((cursor, signal) => listExposedInvitations(filter === 'all' ? '' : filter, cursor, signal), filter);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function resend(invitation: Invitation) {
    setBusyId(invitation.id);
    setStatus(null);
    setFailure(null);
    try {
      await changeInvitation(invitation, 'resend');
      setStatus(`The invitation for ${invitation.email} to ${invitation.workspace.name} has been sent again with a new link.`);
      list.reload();
      onChanged();
    } catch (error) {
      setFailure(`${invitation.email}: ${problemSummary(toApiError(error).problem)}`);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="section-block" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="subheading">
        Invitations
      </h2>
      <ViewToggle legend="Show" views={['all', 'pending', 'expired'] as const} labels={filterLabels} value={filter} onChange={onFilter} />
      <LiveStatus message={status} />
      {failure && (
        <Alert tone="error" title="The invitation was not sent again.">
          <p>{failure}</p>
        </Alert>
      )}
      {list.error && <Alert tone="error">{problemSummary(list.error.problem)}</Alert>}
      {list.loading && list.items.length === 0 ? (
        <p>Loading invitations…</p>
      ) : list.items.length === 0 ? (
        !list.error && (
          <p className="empty">
            {filter === 'expired'
              ? 'No invitation has run out unused.'
              : filter === 'pending'
                ? 'No invitation is waiting.'
                : 'No invitation is waiting or has run out.'}
          </p>
        )
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-wrap" aria-label="Pending and expired invitations" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Workspace</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Invited by</th>
                <th scope="col">Invited</th>
                <th scope="col">Link valid until</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">
                    <EmailText email={invitation.email} />
                  </th>
                  <td className="cell-wrap">{invitation.workspace.name}</td>
                  <td>{memberRoleLabels[invitation.role]}</td>
                  <td>
                    <span className={`badge badge-${invitationStatusTone[invitation.status]}`}>
                      {invitationStatusLabels[invitation.status]}
                    </span>
                  </td>
                  <td>{invitation.inviter?.name ?? <span className="empty">Unknown</span>}</td>
                  <td>
                    <DateTime iso={invitation.createdAt} />
                  </td>
                  <td>{invitation.linkExpiresAt ? formatDateTime(invitation.linkExpiresAt) : <span className="empty">—</span>}</td>
                  <td className="cell-actions">
                    {invitation.abilities.includes('resend') && (
                      <Button busy={busyId === invitation.id} onClick={() => resend(invitation)}>
                        Resend<span className="visually-hidden"> the invitation for {invitation.email}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </section>
  );
});
