import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import type { Workspace } from '../../../lib/api-types';
import { itemsChangedIn, useRefetchOnChange } from '../../../lib/live-updates';
import { problemSummary } from '../../../lib/problem';
import { useFocusAfterRender } from '../../../lib/use-focus-after-render';
import { useResource } from '../../../lib/use-resource';
import { pickableMembers } from '../../members/use-workspace-members';
import { WorkspaceAbility } from '../../workspaces/labels';
import { activityRoute, createActivity, listActivities, plannedActivitiesRoute } from '../api';
import { useAttendeeMembers } from '../use-attendee-members';
import { ActivityForm } from './activity-form';
import { ActivityList } from './activity-list';

export interface ActivitiesSectionProps {
  workspace: Workspace;
  isEmployee: boolean;
}

/** The workspace page's upcoming activities (still running or yet to come) and, for those who may, planning a new one. */
export function ActivitiesSection({ workspace, isEmployee }: ActivitiesSectionProps) {
  const headingId = useId();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  // "Upcoming" from the moment the section loaded; a new plan reloads from the same moment.
  const [from] = useState(() => new Date().toISOString());
  const activities = useResource(
    (signal) => listActivities(workspace.id, { from }, signal),
    `${workspace.id}:${workspace.status}:${version}`,
  );
  useRefetchOnChange(activities.reload, itemsChangedIn(workspace.id, ['activity']));
  const canCreate = workspace.abilities.includes('create_activity');
  const canSeeMembers = workspace.abilities.includes(WorkspaceAbility.readMembers);
  const members = useAttendeeMembers(workspace.id, creating && canSeeMembers);
  const items = activities.data ?? [];
  // The form replaces the "Plan an activity" button: closing it puts the keyboard back there, or on the new activity's link.
  const planButton = useRef<HTMLButtonElement>(null);
  const createdLink = useRef<HTMLAnchorElement>(null);
  const focusAfterRender = useFocusAfterRender();

  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Activities</h2>
        {canCreate && !creating && (
          <div className="actions">
            <Button
              ref={planButton}
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
            >
              Plan an activity
            </Button>
          </div>
        )}
      </div>
      <LiveStatus message={created ? `The activity “${created.title}” has been planned.` : null} />
      {created && (
        <p className="activity-created-link">
          <Link ref={createdLink} to={activityRoute(workspace.id, created.id)}>
            Open “{created.title}”
          </Link>
        </p>
      )}
      {creating && (
        <div className="activity-new">
          <h3>Plan an activity</h3>
          <ActivityForm
            mode="create"
            members={pickableMembers(members, canSeeMembers)}
            onCancel={() => {
              setCreating(false);
              focusAfterRender(() => planButton.current);
            }}
            onSubmit={async (input) => {
              const activity = (await createActivity(workspace.id, input)).data;
              setCreating(false);
              setCreated({ id: activity.id, title: activity.title });
              setVersion((value) => value + 1);
              focusAfterRender(() => createdLink.current ?? planButton.current);
            }}
          />
        </div>
      )}
      {activities.error ? (
        <Alert tone="error" title="The activities could not be loaded.">
          <p>{problemSummary(activities.error.problem)}</p>
          <Button onClick={activities.reload}>Try again</Button>
        </Alert>
      ) : activities.loading && activities.data === null ? (
        <p>Loading activities…</p>
      ) : items.length === 0 ? (
        <p className="empty">
          {canCreate
            ? 'Nothing planned. Plan a visit, a delivery or a meeting so everyone here knows when it happens.'
            : isEmployee
              ? 'Nothing planned.'
              : 'Nothing planned with you here.'}
        </p>
      ) : (
        <ActivityList activities={items} label="Activities" />
      )}
      <p className="activity-more">
        <Link to={`${plannedActivitiesRoute}?view=month&workspace=${encodeURIComponent(workspace.id)}`}>
          This workspace’s activities by month
        </Link>
      </p>
    </section>
  );
}
