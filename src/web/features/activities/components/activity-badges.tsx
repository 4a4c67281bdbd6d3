import { statusLabels } from '../labels';
import type { Activity } from '../types';

/** The status, and "Internal" for what guests never see. */
export function ActivityBadges({ activity }: { activity: Pick<Activity, 'status' | 'visibility'> }) {
  return (
    <span className="activity-badges">
      <span className={`badge activity-status activity-status-${activity.status}`}>{statusLabels[activity.status]}</span>
      {activity.visibility === 'internal' && <span className="badge activity-internal">Internal</span>}
    </span>
  );
}
