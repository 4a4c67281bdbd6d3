import type { Activity, ActivityAction, ActivityStatus, ActivityVisibility } from './types';

export const statusLabels: Record<ActivityStatus, string> = {
  planned: 'Planned',
  confirmed: 'Confirmed',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const visibilityLabels: Record<ActivityVisibility, string> = {
  shared: 'Shared',
  internal: 'Internal',
};

export const visibilityHints: Record<ActivityVisibility, string> = {
  shared: 'The workspace’s guests see it; guests can attend.',
  internal: 'Employees only. Guests never see it, and only employees can attend.',
};

export const activityCan = (activity: Pick<Activity, 'abilities'>, ability: ActivityAction) => activity.abilities.includes(ability);

/** "Tom, Eve"; the empty text when nobody attends. */
export function attendeeNames(activity: Pick<Activity, 'attendees'>, empty = 'Nobody'): string {
  return activity.attendees.length === 0 ? empty : activity.attendees.map((person) => person.name).join(', ');
}
