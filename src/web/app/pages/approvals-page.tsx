import { useState } from 'react';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { changeInvitation, listAwaitingApproval } from '../../features/invitations/api';
import { ApprovalTable } from '../../features/invitations/components/approval-table';
import { RejectDialog } from '../../features/invitations/components/reject-dialog';
import { toApiError } from '../../lib/api-client';
import type { Invitation } from '../../lib/api-types';
import { problemSummary } from '../../lib/problem';
import { usePagedList } from '../../lib/use-paged-list';

export function ApprovalsPage() {
  const list = usePagedList(listAwaitingApproval, 'approvals');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Invitation | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function approve(invitation: Invitation) {
    setBusyId(invitation.id);
    setFailure(null);
    setStatus(null);
    try {
      await changeInvitation(invitation, 'approve');
      // Handled invitations leave the queue.
      list.remove(invitation.id);
      setStatus(`The invitation for ${invitation.email} to ${invitation.workspace.name} has been approved and sent.`);
    } catch (error) {
      setFailure(`${invitation.email}: ${problemSummary(toApiError(error).problem)}`);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <>
      <PageHeading description="Guest invitations wait here for an extranet administrator before they are sent.">Approvals</PageHeading>
      <LiveStatus message={status} />
      {failure && (
        <Alert tone="error" title="The change was not made.">
          <p>{failure}</p>
        </Alert>
      )}
      {list.error && <Alert tone="error">{problemSummary(list.error.problem)}</Alert>}
      {list.loading && list.items.length === 0 ? (
        <p>Loading invitations…</p>
      ) : list.items.length === 0 ? (
        !list.error && <p className="empty">No invitations are waiting for approval.</p>
      ) : (
        <ApprovalTable invitations={list.items} busyId={busyId} onApprove={approve} onReject={setRejecting} />
      )}
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
      <RejectDialog
        invitation={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(rejected) => {
          list.remove(rejected.id);
          setRejecting(null);
          setFailure(null);
          setStatus(`The invitation for ${rejected.email} has been rejected.`);
        }}
      />
    </>
  );
}
