import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { ActivitiesSection } from '../../features/activities/components/activities-section';
import { ActivityStreamSection } from '../../features/activity-stream/activity-stream-section';
import { DocumentsSection } from '../../features/documents/components/documents-section';
import { InvitationsSection } from '../../features/invitations/components/invitations-section';
import { MembersSection } from '../../features/members/components/members-section';
import { NotesSection } from '../../features/notes/components/notes-section';
import { TasksSection } from '../../features/tasks/components/tasks-section';
import { getWorkspace } from '../../features/workspaces/api';
import { WorkspaceActions } from '../../features/workspaces/components/workspace-actions';
import { WorkspaceDetails } from '../../features/workspaces/components/workspace-details';
import { WorkspaceEditPanel } from '../../features/workspaces/components/workspace-edit-panel';
import { WorkspaceAbility } from '../../features/workspaces/labels';
import type { WithEtag } from '../../lib/api-client';
import { Ability, type Workspace } from '../../lib/api-types';
import { useReloadWhenAccessLost } from '../../lib/live-updates';
import { problemSummary } from '../../lib/problem';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { useResource } from '../../lib/use-resource';
import { useAbility, useCurrentUser } from '../providers/session-context';
import { NotFoundPage } from './not-found-page';

export function WorkspacePage() {
  const { id = '' } = useParams();
  const resource = useResource((signal) => getWorkspace(id, signal), id);
  // A reader removed from the workspace sees it go (404) without reloading the page; an edit in
  // progress is left alone otherwise (the edit panel saves with the version on screen).
  useReloadWhenAccessLost((signal) => getWorkspace(id, signal), resource.reload);

  if (resource.error?.status === 404) return <NotFoundPage />;
  if (resource.error && resource.data === null) {
    return (
      <Alert tone="error" title="This workspace could not be loaded.">
        <p>{problemSummary(resource.error.problem)}</p>
        <Button onClick={resource.reload}>Try again</Button>
      </Alert>
    );
  }
  // A workspace from before a change of address must not show under the new one.
  if (resource.data === null || resource.data.data.id !== id) return <p>Loading workspace…</p>;
  return <WorkspaceView key={id} current={resource.data} onReplace={resource.setData} onReload={resource.reload} />;
}

interface WorkspaceViewProps {
  current: WithEtag<Workspace>;
  onReplace: (next: WithEtag<Workspace>) => void;
  onReload: () => void;
}

function WorkspaceView({ current, onReplace, onReload }: WorkspaceViewProps) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const workspace = current.data;
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? 'The workspace has been created. You are its manager.' : null,
  );
  const [membersVersion, setMembersVersion] = useState(0);
  const can = (ability: string) => (workspace.abilities as string[]).includes(ability);
  const isEmployee = user.kind === 'employee';
  // Managers read their workspace's audit log; extranet administrators read every workspace's.
  const governsExtranet = useAbility(Ability.manageExtranet);
  const readsAudit = (isEmployee && workspace.myRole === 'manager') || governsExtranet;
  // The edit panel takes the place of "Edit workspace": closing it puts the keyboard back on that button.
  const editButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();

  function closeEdit() {
    setEditing(false);
    focusAfterRender(() => editButton.current);
  }

  function replace(next: WithEtag<Workspace>, message: string | null) {
    // Some answers carry no ETag; fetch the current version so a later edit can still be checked.
    if (next.etag === null) onReload();
    onReplace(next);
    setStatus(message);
  }

  return (
    <>
      <PageHeading>{workspace.name}</PageHeading>
      {/* Always in the page, so that archiving is announced by this one notice (and no second message). */}
      <LiveStatus
        tone="info"
        message={
          workspace.status === 'archived' ? 'This workspace is archived. Everyone can still read it, but nobody can change it.' : null
        }
      />
      <LiveStatus message={status} />
      <WorkspaceActions
        workspace={workspace}
        editing={editing}
        editRef={editButton}
        onEdit={() => {
          setStatus(null);
          setEditing(true);
        }}
        onChanged={replace}
      />
      {editing ? (
        <WorkspaceEditPanel
          workspace={workspace}
          etag={current.etag}
          onReload={onReload}
          onCancel={closeEdit}
          onSaved={(saved) => {
            closeEdit();
            replace(saved, 'Your changes have been saved.');
          }}
        />
      ) : (
        <WorkspaceDetails workspace={workspace} showGuestSettings={isEmployee} />
      )}
      <DocumentsSection workspace={workspace} isEmployee={isEmployee} />
      <TasksSection workspace={workspace} currentUserId={user.id} isEmployee={isEmployee} />
      <NotesSection workspace={workspace} isEmployee={isEmployee} />
      <ActivitiesSection workspace={workspace} isEmployee={isEmployee} />
      <ActivityStreamSection workspaceId={workspace.id} />
      {readsAudit && (
        <p className="page-actions">
          <Link to={`/admin/audit?workspace=${encodeURIComponent(workspace.id)}`}>Audit log of this workspace</Link>
        </p>
      )}
      {can(WorkspaceAbility.readMembers) && (
        <MembersSection
          workspaceId={workspace.id}
          version={membersVersion}
          currentUserId={user.id}
          onLeft={() => navigate(isEmployee ? '/workspaces' : '/', { replace: true })}
          onOwnAccessChanged={onReload}
        />
      )}
      {(can(WorkspaceAbility.readInvitations) || can(WorkspaceAbility.invite) || can(WorkspaceAbility.inviteEmployees)) && (
        <InvitationsSection
          workspaceId={workspace.id}
          // A guest who may invite lists the invitations they sent (the server narrows the list).
          canReadInvitations={can(WorkspaceAbility.readInvitations) || can(WorkspaceAbility.invite)}
          canInviteGuests={can(WorkspaceAbility.invite)}
          canInviteEmployees={can(WorkspaceAbility.inviteEmployees)}
          offerOrganizations={isEmployee}
          onMembersChanged={() => setMembersVersion((value) => value + 1)}
        />
      )}
    </>
  );
}
