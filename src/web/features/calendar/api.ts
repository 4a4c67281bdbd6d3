import { api } from '../../lib/api-client';

/** The secret address of the signed-in person's calendar feed (ICS), built on the public URL. */
export interface CalendarFeed {
  feedUrl: string;
}

/** The address; the server creates the feed on the first call and keeps its address after that. */
export function getCalendarFeed(signal?: AbortSignal): Promise<CalendarFeed> {
  return api.get<CalendarFeed>('/api/v1/me/calendar', { signal });
}

/** A new address; the old one answers 404 from this moment. */
export function regenerateCalendarFeed(): Promise<CalendarFeed> {
  return api.post<CalendarFeed>('/api/v1/me/calendar/regenerate', {});
}
