import { formatDueOn, isOverdue } from '../labels';
import type { Task } from '../types';

/** The due day, saying "Overdue" in words (not only in colour) once it has passed. */
export function DueDate({ task, today, empty = 'No due date' }: { task: Pick<Task, 'dueOn' | 'status'>; today: string; empty?: string }) {
  if (task.dueOn === null) return <span className="task-due">{empty}</span>;
  const overdue = isOverdue(task, today);
  return (
    <span className={overdue ? 'task-due task-overdue' : 'task-due'}>
      {overdue ? 'Overdue, was due ' : 'Due '}
      <time dateTime={task.dueOn}>{formatDueOn(task.dueOn)}</time>
    </span>
  );
}
