import { api, apiRequestWithEtag, isApiError, type WithEtag } from '../../lib/api-client';
import type { Page } from '../../lib/api-types';
import { withQuery } from '../../lib/query';
import type { MyTask, Task, TaskPriority, TaskSort, TaskStatus, TaskVisibility } from './types';

const enc = encodeURIComponent;
const taskPath = (taskId: string) => `/api/v1/tasks/${enc(taskId)}`;

// Pages of the web UI.
export const taskRoute = (workspaceId: string, taskId: string) => `/workspaces/${enc(workspaceId)}/tasks/${enc(taskId)}`;
export const myTasksRoute = '/my-tasks';

const ifMatch = (etag: string | null) => (etag ? { headers: { 'If-Match': etag } } : {});

export interface TaskListFilters {
  /** Empty: every status. */
  statuses: readonly TaskStatus[];
  /** Empty: anyone's. */
  assigneeId: string;
  sort: TaskSort;
}

export async function listTasks(workspaceId: string, filters: TaskListFilters, signal?: AbortSignal): Promise<Task[]> {
  const query = new URLSearchParams();
  for (const status of filters.statuses) query.append('status', status);
  if (filters.assigneeId) query.set('assigneeId', filters.assigneeId);
  query.set('sort', filters.sort);
  const path = `/api/v1/workspaces/${enc(workspaceId)}/tasks?${query.toString()}`;
  return (await api.get<{ items: Task[] }>(path, { signal })).items;
}

export interface NewTask {
  title: string;
  description?: string;
  priority?: TaskPriority;
  dueOn?: string | null;
  visibility?: TaskVisibility;
  assigneeIds?: string[];
  checklist?: { text: string }[];
}

export function createTask(workspaceId: string, input: NewTask): Promise<WithEtag<Task>> {
  return apiRequestWithEtag<Task>('POST', `/api/v1/workspaces/${enc(workspaceId)}/tasks`, { body: input });
}

export function getTask(taskId: string, signal?: AbortSignal): Promise<WithEtag<Task>> {
  return apiRequestWithEtag<Task>('GET', taskPath(taskId), { signal });
}

export interface TaskChange {
  title?: string;
  description?: string;
  priority?: TaskPriority;
  dueOn?: string | null;
  visibility?: TaskVisibility;
  status?: TaskStatus;
  assigneeIds?: string[];
  /** The whole list in order; items with an id keep their ticks. */
  checklist?: { id?: string; text: string }[];
}

/** Saves only if nobody changed the task since `etag` was read; 412 otherwise. */
export function updateTask(taskId: string, change: TaskChange, etag: string | null): Promise<WithEtag<Task>> {
  return apiRequestWithEtag<Task>('PATCH', taskPath(taskId), { body: change, ...ifMatch(etag) });
}

/** Ticking changes the task's version, so the answer carries the new ETag. */
export function tickItem(taskId: string, itemId: string, done: boolean): Promise<WithEtag<Task>> {
  return apiRequestWithEtag<Task>('PATCH', `${taskPath(taskId)}/checklist/${enc(itemId)}`, { body: { done } });
}

/** One page of "My tasks" (the server's default size, 50), sorted by due date; `cursor` from the previous page. */
export function listMyTasks(workspaceId: string, today: string, cursor: string | null, signal?: AbortSignal): Promise<Page<MyTask>> {
  return api.get<Page<MyTask>>(withQuery('/api/v1/me/tasks', { today, workspaceId, cursor }), { signal });
}

/** Attaching changes the task's version, so the answer carries the new ETag. */
export function attachDocument(taskId: string, documentId: string): Promise<WithEtag<Task>> {
  return apiRequestWithEtag<Task>('POST', `${taskPath(taskId)}/attachments`, { body: { documentId } });
}

/** Takes the document off the task; the document itself stays in its folder. */
export function detachDocument(taskId: string, documentId: string): Promise<WithEtag<Task>> {
  return apiRequestWithEtag<Task>('DELETE', `${taskPath(taskId)}/attachments/${enc(documentId)}`);
}

/** The task changed since the board was read: moving it now could undo someone else's change. */
export class StaleTaskError extends Error {
  constructor() {
    super('Someone else changed this task in the meantime.');
    this.name = 'StaleTaskError';
  }
}

/**
 * Moves a task the board shows to another status. List items carry no ETag, so the task is read
 * first; if it changed since the board was read (another `updatedAt`), or the PATCH meets a newer
 * version (412), this throws StaleTaskError instead of overwriting the other person's change.
 */
export async function moveTask(shown: Pick<Task, 'id' | 'updatedAt'>, to: TaskStatus): Promise<Task> {
  const current = await getTask(shown.id);
  if (current.data.updatedAt !== shown.updatedAt) throw new StaleTaskError();
  try {
    return (await updateTask(shown.id, { status: to }, current.etag)).data;
  } catch (error) {
    if (isApiError(error) && error.status === 412) throw new StaleTaskError();
    throw error;
  }
}
