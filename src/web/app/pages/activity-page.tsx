import { useParams } from 'react-router';
import { activityRoute, getActivity } from '../../features/activities/api';
import { ActivityView } from '../../features/activities/components/activity-view';
import type { Activity } from '../../features/activities/types';
import { Comments } from '../../features/comments/components/comments';
import { getWorkspace } from '../../features/workspaces/api';
import { useReloadWhenAccessLost } from '../../lib/live-updates';
import { useResource } from '../../lib/use-resource';
import { useCurrentUser } from '../providers/session-context';
import { ResourcePage, type ResourceViewProps } from '../resource-page';

export function ActivityPage() {
  const { id = '', activityId = '' } = useParams();
  const activity = useResource((signal) => getActivity(activityId, signal), activityId);
  // Only a loss of access: a reload under an open edit would hand it a newer version than it started from.
  useReloadWhenAccessLost((signal) => getActivity(activityId, signal), activity.reload);

  return (
    <ResourcePage resource={activity} workspaceId={id} id={activityId} noun="activity" route={activityRoute}>
      {(view) => <ActivityPageView {...view} />}
    </ResourcePage>
  );
}

function ActivityPageView(view: ResourceViewProps<Activity>) {
  const user = useCurrentUser();
  const workspaceId = view.current.data.workspaceId;
  const workspace = useResource((signal) => getWorkspace(workspaceId, signal), workspaceId);
  const workspaceData = workspace.data?.data ?? null;
  // Writing needs the workspace's `comment` ability and a workspace that is not archived; reading does not.
  const canComment = Boolean(workspaceData?.abilities.includes('comment')) && workspaceData?.status !== 'archived';
  return (
    <>
      <ActivityView {...view} workspace={workspaceData} workspaceLoading={workspace.loading} isEmployee={user.kind === 'employee'} />
      {(workspaceData || workspace.error) && <Comments targetType="activity" targetId={view.current.data.id} canComment={canComment} />}
    </>
  );
}
