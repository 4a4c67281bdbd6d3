// Task vocabulary shared by the server and the web UI.

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Shared tasks are seen by the workspace's guests; internal ones by its employees only. */
export const TASK_VISIBILITIES = ['shared', 'internal'] as const;
export type TaskVisibility = (typeof TASK_VISIBILITIES)[number];

/**
 * `update`: title, description, priority, due date, assignees, visibility and the checklist's items;
 * `set_status`: move the task along (an assigned guest may, e.g. to confirm work done);
 * `tick`: tick or untick checklist items.
 */
export const TASK_ACTIONS = ['read', 'update', 'set_status', 'tick'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_LIMITS = {
  title: 300,
  description: 20_000,
  assignees: 50,
  checklistItems: 100,
  checklistText: 500,
} as const;

/** Where a task falls in "My tasks", by its due date (YYYY-MM-DD) and today's date in the reader's zone. */
export type DueGroup = 'overdue' | 'this_week' | 'later' | 'no_date';

export function dueGroup(dueOn: string | null, today: string): DueGroup {
  if (dueOn === null) return 'no_date';
  if (dueOn < today) return 'overdue';
  const inAWeek = new Date(`${today}T00:00:00Z`);
  inAWeek.setUTCDate(inAWeek.getUTCDate() + 7);
  return dueOn < inAWeek.toISOString().slice(0, 10) ? 'this_week' : 'later';
}
