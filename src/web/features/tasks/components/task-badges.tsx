import { priorityLabels, statusLabels, visibilityLabels } from '../labels';
import type { Task } from '../types';

/** Status, priority (when not normal) and, for employees, whether guests see the task. */
export function TaskBadges({ task, showVisibility }: { task: Pick<Task, 'status' | 'priority' | 'visibility'>; showVisibility: boolean }) {
  return (
    <span className="task-badges">
      <span className={`badge task-status task-status-${task.status}`}>{statusLabels[task.status]}</span>
      {task.priority !== 'normal' && (
        <span className={`badge task-priority task-priority-${task.priority}`}>{priorityLabels[task.priority]} priority</span>
      )}
      {showVisibility && (
        <span className={`badge task-visibility task-visibility-${task.visibility}`}>{visibilityLabels[task.visibility]}</span>
      )}
    </span>
  );
}
