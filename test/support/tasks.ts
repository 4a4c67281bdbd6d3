import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Caller, call } from './http-client.js';
import type { TestApp } from './test-app.js';

// Shared steps for the task suites: create, read, change and list tasks through the API.

export interface PersonRef {
  id: string;
  name: string;
}

export interface Task {
  id: string;
  workspaceId: string;
  title: string;
  description: string;
  status: string;
  priority: string;
  dueOn: string | null;
  visibility: string;
  assignees: PersonRef[];
  checklist: { id: string; text: string; done: boolean; doneBy: PersonRef | null; doneAt: string | null }[];
  createdBy: PersonRef | null;
  updatedBy: PersonRef | null;
  completedBy: PersonRef | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: string[];
}

export interface MyTask extends Task {
  workspace: { id: string; name: string };
  group: 'overdue' | 'this_week' | 'later' | 'no_date';
}

export interface TaskBody {
  title: string;
  description?: string;
  priority?: string;
  dueOn?: string | null;
  visibility?: string;
  assigneeIds?: string[];
  checklist?: { text: string }[];
}

export const postTask = (t: TestApp, caller: Caller, workspaceId: string, body: unknown) =>
  call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/tasks`, body, caller);

/** Creates a task that the server must accept (201); returns it with its ETag. */
export async function createTask(t: TestApp, caller: Caller, workspaceId: string, body: TaskBody): Promise<Task & { etag: string }> {
  const response = await postTask(t, caller, workspaceId, body);
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as Task), etag: response.headers.etag as string };
}

export const readTask = (t: TestApp, caller: Caller, id: string) => call(t.app, 'GET', `/api/v1/tasks/${id}`, undefined, caller);

export const patchTask = (t: TestApp, caller: Caller, id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(t.app, 'PATCH', `/api/v1/tasks/${id}`, body, caller, headers);

export const tick = (t: TestApp, caller: Caller, id: string, itemId: string, done: boolean) =>
  call(t.app, 'PATCH', `/api/v1/tasks/${id}/checklist/${itemId}`, { done }, caller);

/** The task as `caller` reads it now (200 expected). */
export async function taskAs(t: TestApp, caller: Caller, id: string): Promise<Task> {
  const response = await readTask(t, caller, id);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Task;
}

/** GET /workspaces/{id}/tasks with a raw query string (e.g. `status=open&status=done&sort=title`). */
export async function listTasks(t: TestApp, caller: Caller, workspaceId: string, query = ''): Promise<Task[]> {
  const response = await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}/tasks${query ? `?${query}` : ''}`, undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Task[];
}

export const myTasksResponse = (t: TestApp, caller: Caller, query = ''): Promise<LightMyRequestResponse> =>
  call(t.app, 'GET', `/api/v1/me/tasks${query ? `?${query}` : ''}`, undefined, caller);

export async function myTasks(t: TestApp, caller: Caller, query = ''): Promise<MyTask[]> {
  const response = await myTasksResponse(t, caller, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as MyTask[];
}

/**
 * Waits until the clock has moved past `iso`, so the next thing the server stamps is strictly
 * newer (creation order is then unambiguous even on a fast machine). Not a timing assertion.
 */
export async function after(iso: string): Promise<void> {
  const at = Date.parse(iso);
  while (Date.now() <= at) await new Promise((resolve) => setTimeout(resolve, 1));
}
