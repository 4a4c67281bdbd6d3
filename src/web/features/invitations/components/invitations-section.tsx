import { useId, useState } from 'react';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { LoadMore } from '../../../components/ui/load-more';
import { toApiError } from '../../../lib/api-client';
import type { Invitation } from '../../../lib/api-types';
import { copyText } from '../../../lib/clipboard';
import { problemSummary } from '../../../lib/problem';
import { usePagedList } from '../../../lib/use-paged-list';
import { changeInvitation, type InvitationStep, listInvitations } from '../api';
import { InvitationLink, type ShownLink } from './invitation-link';
import { InvitationTable } from './invitation-table';
import { InviteForm } from './invite-form';

export interface InvitationsSectionProps {
  workspaceId: string;
  canInviteGuests: boolean;
  canInviteEmployees: boolean;
  /** Guests allowed to invite may not see the list; they get the form alone. */
  canReadInvitations: boolean;
  offerOrganizations: boolean;
  /** Someone became a member straight away (an existing account was invited). */
  onMembersChanged: () => void;
}

function invitedMessage(invitation: Invitation): string {
  if (invitation.status === 'awaiting_approval') {
    return `The invitation for ${invitation.email} waits for an extranet administrator’s approval before it is sent.`;
  }
  if (invitation.status === 'accepted') return `${invitation.email} already has an account and has been added to this workspace.`;
  return `Invitation sent to ${invitation.email}.`;
}

const stepMessages: Record<InvitationStep, (invitation: Invitation) => string> = {
  resend: (invitation) => `The invitation has been sent to ${invitation.email} again. The link stays the same.`,
  revoke: (invitation) => `The invitation for ${invitation.email} has been revoked; its link no longer works.`,
  approve: (invitation) => `The invitation for ${invitation.email} has been approved and sent.`,
};

export function InvitationsSection(props: InvitationsSectionProps) {
  const { workspaceId, canInviteGuests, canInviteEmployees, onMembersChanged } = props;
  const headingId = useId();
  const { canReadInvitations } = props;
  const list = usePagedList(
    (cursor, signal) =>
      canReadInvitations ? listInvitations(workspaceId, cursor, signal) : Promise.resolve({ items: [], nextCursor: null }),
    `${workspaceId}:${canReadInvitations}`,
  );
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [shownLink, setShownLink] = useState<ShownLink | null>(null);
  const canInvite = canInviteGuests || canInviteEmployees;

  async function step(invitation: Invitation, action: InvitationStep) {
    setBusyId(invitation.id);
    setFailure(null);
    setStatus(null);
    try {
      const changed = await changeInvitation(invitation, action);
      list.replace(changed);
      setStatus(stepMessages[action](changed));
    } catch (error) {
      setFailure(`${invitation.email}: ${problemSummary(toApiError(error).problem)}`);
    } finally {
      setBusyId(null);
    }
  }

  async function copyLink(invitation: Invitation) {
    if (!invitation.acceptUrl) return;
    const url = invitation.acceptUrl;
    setShownLink({ email: invitation.email, url, state: 'copying' });
    const state = await copyText(url);
    setShownLink({ email: invitation.email, url, state });
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Invitations</h2>
      {canInvite && (
        <div className="section-block">
          <h3>Invite</h3>
          <InviteForm
            workspaceId={workspaceId}
            canInviteGuests={canInviteGuests}
            canInviteEmployees={canInviteEmployees}
            offerOrganizations={props.offerOrganizations}
            onInvited={(invitation) => {
              setFailure(null);
              setStatus(invitedMessage(invitation));
              list.reload();
              if (invitation.status === 'accepted') onMembersChanged();
            }}
          />
        </div>
      )}
      <div className="section-block">
        <LiveStatus message={status} />
        {failure && (
          <Alert tone="error" title="The change was not made.">
            <p>{failure}</p>
          </Alert>
        )}
        {shownLink && <InvitationLink link={shownLink} onClose={() => setShownLink(null)} />}
        {list.error && <Alert tone="error">{problemSummary(list.error.problem)}</Alert>}
        {!canReadInvitations ? null : list.loading && list.items.length === 0 ? (
          <p>Loading invitations…</p>
        ) : list.items.length === 0 ? (
          !list.error && <p className="empty">No invitations yet.</p>
        ) : (
          <InvitationTable invitations={list.items} busyId={busyId} onStep={step} onCopyLink={copyLink} />
        )}
        <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
      </div>
    </section>
  );
}
