import { describeWhen } from '../activity-time';
import type { Activity } from '../types';

/** "Tue 14 Jul, 09:00–11:30", and, when the organizer's clock shows another time, "(your time) · 09:00 Europe/Paris". */
export function ActivityWhen({ activity }: { activity: Pick<Activity, 'startsAt' | 'endsAt' | 'timeZone' | 'localStartsAt'> }) {
  const when = describeWhen(activity);
  return (
    <span className="activity-when">
      <time dateTime={activity.startsAt}>{when.reader}</time>
      {when.organizer && (
        <>
          {' '}
          (your time) <span className="activity-organizer-time">· {when.organizer}</span>
        </>
      )}
    </span>
  );
}
