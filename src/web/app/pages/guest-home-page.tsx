import { Navigate } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { useGuestWorkspaces } from '../../features/guest/guest-workspaces';
import { problemSummary } from '../../lib/problem';

/** A guest's start: straight into their first workspace, since that is what they came for. */
export function GuestHomePage() {
  const workspaces = useGuestWorkspaces();
  const first = workspaces.items[0];

  if (first) return <Navigate to={`/workspaces/${encodeURIComponent(first.id)}`} replace />;
  if (workspaces.loading) return <p role="status">Loading your workspaces…</p>;
  if (workspaces.error) {
    return (
      <Alert tone="error" title="Your workspaces could not be loaded.">
        <p>{problemSummary(workspaces.error.problem)}</p>
        <Button onClick={workspaces.reload}>Try again</Button>
      </Alert>
    );
  }
  return (
    <>
      <PageHeading>You have no workspaces yet</PageHeading>
      <p>When someone invites you to a workspace, it appears here and in the menu.</p>
    </>
  );
}
