import type { DueGroup, Task, TaskAction, TaskPriority, TaskStatus, TaskVisibility } from './types';

export const statusLabels: Record<TaskStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const priorityLabels: Record<TaskPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
};

export const visibilityLabels: Record<TaskVisibility, string> = {
  shared: 'Shared',
  internal: 'Internal',
};

export const visibilityHints: Record<TaskVisibility, string> = {
  shared: 'The workspace’s guests see it; guests can be assigned.',
  internal: 'Employees only. Guests never see it, and only employees can be assigned.',
};

export const groupLabels: Record<DueGroup, string> = {
  overdue: 'Overdue',
  this_week: 'Due this week',
  later: 'Later',
  no_date: 'No due date',
};

export const groupOrder: readonly DueGroup[] = ['overdue', 'this_week', 'later', 'no_date'];

export const taskCan = (task: Pick<Task, 'abilities'>, ability: TaskAction) => task.abilities.includes(ability);

const pad = (value: number) => String(value).padStart(2, '0');

/** The reader's own calendar day (their time zone, not UTC) as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// A due date is a calendar day with no time zone; read it as that day in UTC so it never shifts.
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-03-12" → "Mar 12, 2026" in the reader's locale. */
export function formatDueOn(dueOn: string): string {
  const date = new Date(`${dueOn}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? dueOn : dayFormat.format(date);
}

export const isClosed = (status: TaskStatus) => status === 'done' || status === 'cancelled';

/** Past its due day and still to be done. */
export function isOverdue(task: Pick<Task, 'dueOn' | 'status'>, today: string): boolean {
  return task.dueOn !== null && task.dueOn < today && !isClosed(task.status);
}

/** "2 of 3 done"; null without a checklist. */
export function checklistProgress(task: Pick<Task, 'checklist'>): string | null {
  if (task.checklist.length === 0) return null;
  const done = task.checklist.filter((item) => item.done).length;
  return `${done} of ${task.checklist.length} done`;
}

/** "Tom, Eve"; the empty text when nobody is assigned. */
export function assigneeNames(task: Pick<Task, 'assignees'>, empty = 'Nobody'): string {
  return task.assignees.length === 0 ? empty : task.assignees.map((person) => person.name).join(', ');
}
