import { PlannedActivities } from '../../features/activities/components/planned-activities';
import { CalendarFeedPanel } from '../../features/calendar/components/calendar-feed-panel';

/** The guest's "Planned activities" menu entry, and the employees' too, with their private calendar feed. */
export const PlannedActivitiesPage = () => (
  <>
    <PlannedActivities />
    <CalendarFeedPanel />
  </>
);
