import { api, apiRequestWithEtag, type WithEtag } from '../../lib/api-client';
import type { Page } from '../../lib/api-types';
import { withQuery } from '../../lib/query';
import type { Activity, ActivityStatus, ActivityVisibility, MyActivity } from './types';

const enc = encodeURIComponent;
const activityPath = (activityId: string) => `/api/v1/activities/${enc(activityId)}`;

// Pages of the web UI.
export const activityRoute = (workspaceId: string, activityId: string) => `/workspaces/${enc(workspaceId)}/activities/${enc(activityId)}`;
export const plannedActivitiesRoute = '/planned-activities';

const ifMatch = (etag: string | null) => (etag ? { headers: { 'If-Match': etag } } : {});

export interface ActivityWindow {
  /** Activities still running at or after this instant. */
  from?: string;
  /** Activities starting before this instant. */
  to?: string;
}

export async function listActivities(workspaceId: string, window: ActivityWindow, signal?: AbortSignal): Promise<Activity[]> {
  const path = withQuery(`/api/v1/workspaces/${enc(workspaceId)}/activities`, { from: window.from, to: window.to });
  return (await api.get<{ items: Activity[] }>(path, { signal })).items;
}

export interface MyActivitiesQuery extends ActivityWindow {
  workspaceId?: string;
  attending?: boolean;
}

/** Pages of Planned activities read one after another, up to `maxPages` (a month, or the first weeks of the list). */
export async function listMyActivities(
  query: MyActivitiesQuery,
  signal?: AbortSignal,
  maxPages = 1,
): Promise<{ items: MyActivity[]; more: boolean }> {
  const items: MyActivity[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const path = withQuery('/api/v1/me/activities', {
      from: query.from,
      to: query.to,
      workspaceId: query.workspaceId,
      attending: query.attending ? 'true' : undefined,
      limit: '200',
      cursor: cursor ?? undefined,
    });
    const answer: Page<MyActivity> = await api.get<Page<MyActivity>>(path, { signal });
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === null) break;
  }
  return { items, more: cursor !== null };
}

export interface NewActivity {
  title: string;
  description?: string;
  location?: string;
  startsAt: string;
  endsAt: string;
  timeZone?: string;
  visibility?: ActivityVisibility;
  attendeeIds?: string[];
}

export function createActivity(workspaceId: string, input: NewActivity): Promise<WithEtag<Activity>> {
  return apiRequestWithEtag<Activity>('POST', `/api/v1/workspaces/${enc(workspaceId)}/activities`, { body: input });
}

export function getActivity(activityId: string, signal?: AbortSignal): Promise<WithEtag<Activity>> {
  return apiRequestWithEtag<Activity>('GET', activityPath(activityId), { signal });
}

export type ActivityChange = Partial<NewActivity> & { status?: ActivityStatus };

/** Saves only if nobody changed the activity since `etag` was read; 412 otherwise. */
export function updateActivity(activityId: string, change: ActivityChange, etag: string | null): Promise<WithEtag<Activity>> {
  return apiRequestWithEtag<Activity>('PATCH', activityPath(activityId), { body: change, ...ifMatch(etag) });
}

/** "It will take place as planned." */
export function confirmActivity(activityId: string): Promise<WithEtag<Activity>> {
  return apiRequestWithEtag<Activity>('POST', `${activityPath(activityId)}/confirm`, { body: {} });
}

/** "It took place", with an optional remark. */
export function completeActivity(activityId: string, remark: string): Promise<WithEtag<Activity>> {
  const body = remark.trim() === '' ? {} : { remark: remark.trim() };
  return apiRequestWithEtag<Activity>('POST', `${activityPath(activityId)}/done`, { body });
}
