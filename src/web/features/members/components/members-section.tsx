import { useEffect, useId, useRef, useState } from 'react';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { LoadMore } from '../../../components/ui/load-more';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { usePagedList } from '../../../lib/use-paged-list';
import { listMembers, type MemberRow, removeMember } from '../api';
import { ChangeMemberDialog } from './change-member-dialog';
import { MemberTable } from './member-table';

export interface MembersSectionProps {
  workspaceId: string;
  /** Bumped by the page when someone joined some other way (e.g. an existing guest was invited). */
  version: number;
  currentUserId: string;
  /** Called after the signed-in person removed themselves: they cannot see this workspace any more. */
  onLeft: () => void;
  /** Called after the signed-in person changed their own role: what they may do here changed. */
  onOwnAccessChanged: () => void;
}

export function MembersSection({ workspaceId, version, currentUserId, onLeft, onOwnAccessChanged }: MembersSectionProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = usePagedList((cursor, signal) => listMembers(workspaceId, cursor, signal), `${workspaceId}:${version}`);
  const [changing, setChanging] = useState<MemberRow | null>(null);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  // The removed row's button is gone; keep the reader in this section once the dialog has closed.
  useEffect(() => {
    if (focusRequest > 0) headingRef.current?.focus();
  }, [focusRequest]);

  async function confirmRemove() {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await removeMember(workspaceId, removing.user.id);
      if (removing.user.id === currentUserId) return onLeft();
      list.remove(removing.id);
      setStatus(`${removing.user.name} has been removed from this workspace.`);
      setRemoving(null);
      setFocusRequest((count) => count + 1);
    } catch (error) {
      setRemoveError(problemSummary(toApiError(error).problem));
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Members
      </h2>
      <LiveStatus message={status} />
      {list.error && <Alert tone="error">{problemSummary(list.error.problem)}</Alert>}
      {list.loading && list.items.length === 0 ? (
        <p>Loading members…</p>
      ) : list.items.length === 0 ? (
        !list.error && <p className="empty">No members yet.</p>
      ) : (
        <MemberTable
          members={list.items}
          onChange={setChanging}
          onRemove={(member) => {
            setRemoveError(null);
            setRemoving(member);
          }}
        />
      )}
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
      <ChangeMemberDialog
        workspaceId={workspaceId}
        member={changing}
        onClose={() => setChanging(null)}
        onChanged={(member) => {
          list.replace(member);
          setChanging(null);
          setStatus(`Access for ${member.user.name} has been changed.`);
          if (member.user.id === currentUserId) onOwnAccessChanged();
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.user.name}?` : 'Remove member?'}
        confirmLabel="Remove"
        busy={removeBusy}
        error={removeError}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        <p>
          {removing?.user.id === currentUserId
            ? 'You will lose access to this workspace at once.'
            : `${removing?.user.name ?? 'They'} will lose access to this workspace at once. You can invite them again later.`}
        </p>
      </ConfirmDialog>
    </section>
  );
}
