import { Link } from 'react-router';
import { activityRoute } from '../api';
import { attendeeNames } from '../labels';
import type { Activity } from '../types';
import { ActivityBadges } from './activity-badges';
import { ActivityWhen } from './activity-when';

export interface ActivityListProps {
  activities: readonly (Activity & { workspace?: { name: string } })[];
  /** Names the list for screen readers, e.g. "Activities" or a day. */
  label: string;
  showWorkspace?: boolean;
}

/** One row per activity: its title (the link to it), when, where, who attends, and its badges. */
export function ActivityList({ activities, label, showWorkspace = false }: ActivityListProps) {
  return (
    <ul className="item-list activity-list" aria-label={label}>
      {activities.map((activity) => (
        <li key={activity.id} className="item-row activity-row">
          <div className="activity-main">
            <Link to={activityRoute(activity.workspaceId, activity.id)} className="item-title activity-title">
              {activity.title}
            </Link>
            <ul className="activity-meta">
              <li>
                <ActivityWhen activity={activity} />
              </li>
              {showWorkspace && activity.workspace && <li>{activity.workspace.name}</li>}
              {activity.location && <li>{activity.location}</li>}
              <li>Attending: {attendeeNames(activity, 'nobody')}</li>
            </ul>
          </div>
          <ActivityBadges activity={activity} />
        </li>
      ))}
    </ul>
  );
}
