import { PlannedActivities } from '../../features/activities/components/planned-activities';

/** The guest's "Planned activities" menu entry, and the employees' too. */
export const PlannedActivitiesPage = () => <PlannedActivities />;
