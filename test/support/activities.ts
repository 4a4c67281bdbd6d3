import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Caller, call } from './http-client.js';
import type { TestApp } from './test-app.js';

// Shared steps for the planned-activity suites: plan, read, change, confirm, report and list activities through the API.

export interface PersonRef {
  id: string;
  name: string;
}

export interface Activity {
  id: string;
  workspaceId: string;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  localStartsAt: string;
  localEndsAt: string;
  status: string;
  visibility: string;
  attendees: PersonRef[];
  confirmedBy: PersonRef | null;
  confirmedAt: string | null;
  doneBy: PersonRef | null;
  doneAt: string | null;
  doneRemark: string | null;
  createdBy: PersonRef | null;
  updatedBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
  abilities: string[];
}

export interface MyActivity extends Activity {
  workspace: { id: string; name: string };
}

export interface ActivityBody {
  title: string;
  startsAt: string;
  endsAt: string;
  description?: string;
  location?: string;
  timeZone?: string;
  visibility?: string;
  attendeeIds?: string[];
}

export const postActivity = (t: TestApp, caller: Caller, workspaceId: string, body: unknown) =>
  call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/activities`, body, caller);

/** Plans an activity the server must accept (201); returns it with its ETag. */
export async function createActivity(
  t: TestApp,
  caller: Caller,
  workspaceId: string,
  body: ActivityBody,
): Promise<Activity & { etag: string }> {
  const response = await postActivity(t, caller, workspaceId, body);
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as Activity), etag: response.headers.etag as string };
}

export const readActivity = (t: TestApp, caller: Caller, id: string) => call(t.app, 'GET', `/api/v1/activities/${id}`, undefined, caller);

export const patchActivity = (t: TestApp, caller: Caller, id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(t.app, 'PATCH', `/api/v1/activities/${id}`, body, caller, headers);

export const confirmActivity = (t: TestApp, caller: Caller, id: string) =>
  call(t.app, 'POST', `/api/v1/activities/${id}/confirm`, undefined, caller);

export const reportDone = (t: TestApp, caller: Caller, id: string, body: unknown = {}) =>
  call(t.app, 'POST', `/api/v1/activities/${id}/done`, body, caller);

/** The activity as `caller` reads it now (200 expected). */
export async function activityAs(t: TestApp, caller: Caller, id: string): Promise<Activity> {
  const response = await readActivity(t, caller, id);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Activity;
}

export const listActivitiesResponse = (t: TestApp, caller: Caller, workspaceId: string, query = '') =>
  call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}/activities${query ? `?${query}` : ''}`, undefined, caller);

/** GET /workspaces/{id}/activities with a raw query string (200 expected). */
export async function listActivities(t: TestApp, caller: Caller, workspaceId: string, query = ''): Promise<Activity[]> {
  const response = await listActivitiesResponse(t, caller, workspaceId, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Activity[];
}

export const myActivitiesResponse = (t: TestApp, caller: Caller, query = ''): Promise<LightMyRequestResponse> =>
  call(t.app, 'GET', `/api/v1/me/activities${query ? `?${query}` : ''}`, undefined, caller);

/** GET /me/activities with a raw query string (200 expected). */
export async function myActivities(t: TestApp, caller: Caller, query = ''): Promise<MyActivity[]> {
  const response = await myActivitiesResponse(t, caller, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as MyActivity[];
}

/** An instant `hours` from now (negative: in the past), as ISO 8601 in UTC. */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** A query window wide enough to hold every activity of a suite (all dated within these years). */
export const ALL_TIME = `from=${encodeURIComponent('2000-01-01T00:00:00Z')}&to=${encodeURIComponent('2100-01-01T00:00:00Z')}`;
