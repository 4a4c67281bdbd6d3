import type { TaskListFilters } from './api';
import type { TaskSort, TaskStatus } from './types';

// The workspace tasks section keeps its view and filters in the address, so a reload or a shared
// link shows the same thing. The workspace page has other sections, hence the "task" prefix.

export type TaskView = 'list' | 'board';

/** Unlike the API's filter, `statuses` is always explicit here: empty means none ticked, so nothing is shown. */
export interface TaskViewState extends TaskListFilters {
  view: TaskView;
}

export const taskStatusOrder: readonly TaskStatus[] = ['open', 'in_progress', 'done', 'cancelled'];
export const defaultStatuses: readonly TaskStatus[] = ['open', 'in_progress'];
const sorts: readonly TaskSort[] = ['due', 'created', 'title'];

export const taskParamNames = {
  view: 'taskView',
  status: 'taskStatus',
  assignee: 'taskAssignee',
  sort: 'taskSort',
} as const;

/** Every status ticked, or none: the address says so in one word. */
const everyStatus = 'all';
const noStatus = 'none';
/** The server's id format: anything else in a link is ignored rather than sent to be refused. */
const idPattern = /^[0-9a-zA-Z-]{1,64}$/;

const isSort = (value: string): value is TaskSort => (sorts as readonly string[]).includes(value);

const sameStatuses = (a: readonly TaskStatus[], b: readonly TaskStatus[]) => a.length === b.length && a.every((s) => b.includes(s));

/** Reads the section's state from the address; unknown or malformed values fall back to the defaults. */
export function readTaskView(params: URLSearchParams): TaskViewState {
  const rawStatuses = params.getAll(taskParamNames.status);
  let statuses: readonly TaskStatus[] = defaultStatuses;
  if (rawStatuses.includes(everyStatus)) statuses = taskStatusOrder;
  else if (rawStatuses.includes(noStatus)) statuses = [];
  else {
    const known = taskStatusOrder.filter((status) => rawStatuses.includes(status));
    if (known.length > 0) statuses = known;
  }
  const assignee = params.get(taskParamNames.assignee) ?? '';
  const sort = params.get(taskParamNames.sort) ?? '';
  return {
    view: params.get(taskParamNames.view) === 'board' ? 'board' : 'list',
    statuses,
    assigneeId: idPattern.test(assignee) ? assignee : '',
    sort: isSort(sort) ? sort : 'due',
  };
}

/** Writes the section's state into a copy of `params`, leaving defaults out so addresses stay short. */
export function writeTaskView(params: URLSearchParams, state: TaskViewState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of Object.values(taskParamNames)) next.delete(name);
  if (state.view === 'board') next.set(taskParamNames.view, 'board');
  const statuses = taskStatusOrder.filter((status) => state.statuses.includes(status));
  if (statuses.length === 0) next.append(taskParamNames.status, noStatus);
  else if (statuses.length === taskStatusOrder.length) next.append(taskParamNames.status, everyStatus);
  else if (!sameStatuses(statuses, defaultStatuses)) for (const status of statuses) next.append(taskParamNames.status, status);
  if (state.assigneeId) next.set(taskParamNames.assignee, state.assigneeId);
  if (state.sort !== 'due') next.set(taskParamNames.sort, state.sort);
  return next;
}

/** Whether the reader narrowed the list beyond what the section shows by default. */
export function isFiltered(state: TaskListFilters): boolean {
  return state.assigneeId !== '' || !sameStatuses(state.statuses, defaultStatuses);
}

/** Where a task may be moved from its status: any other one; cancelling is for employees, as on the task page. */
export function moveTargets(status: TaskStatus, isEmployee: boolean): TaskStatus[] {
  return taskStatusOrder.filter((to) => to !== status && (isEmployee || to !== 'cancelled'));
}
