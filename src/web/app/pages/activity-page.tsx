import { useParams } from 'react-router';
import { activityRoute, getActivity } from '../../features/activities/api';
import { ActivityView } from '../../features/activities/components/activity-view';
import type { Activity } from '../../features/activities/types';
import { getWorkspace } from '../../features/workspaces/api';
import { useResource } from '../../lib/use-resource';
import { useCurrentUser } from '../providers/session-context';
import { ResourcePage, type ResourceViewProps } from '../resource-page';

export function ActivityPage() {
  const { id = '', activityId = '' } = useParams();
  const activity = useResource((signal) => getActivity(activityId, signal), activityId);

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
  return (
    <ActivityView
      {...view}
      workspace={workspace.data?.data ?? null}
      workspaceLoading={workspace.loading}
      isEmployee={user.kind === 'employee'}
    />
  );
}
