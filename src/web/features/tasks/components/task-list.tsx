import { Link } from 'react-router';
import { taskRoute } from '../api';
import { assigneeNames, checklistProgress } from '../labels';
import type { Task } from '../types';
import { DueDate } from './due-date';
import { TaskBadges } from './task-badges';

export interface TaskListProps {
  tasks: readonly (Task & { workspace?: { name: string } })[];
  /** Names the list for screen readers, e.g. "Tasks" or "Overdue". */
  label: string;
  today: string;
  showVisibility: boolean;
  showWorkspace?: boolean;
}

/** One row per task: its title (the link to it), due date, assignees, checklist progress and badges. */
export function TaskList({ tasks, label, today, showVisibility, showWorkspace = false }: TaskListProps) {
  return (
    <ul className="item-list task-list" aria-label={label}>
      {tasks.map((task) => {
        const progress = checklistProgress(task);
        return (
          <li key={task.id} className="item-row task-row">
            <div className="task-main">
              <Link to={taskRoute(task.workspaceId, task.id)} className="item-title task-title">
                {task.title}
              </Link>
              <ul className="task-meta">
                {showWorkspace && task.workspace && <li>{task.workspace.name}</li>}
                <li>
                  <DueDate task={task} today={today} />
                </li>
                <li>Assigned to {assigneeNames(task, 'nobody')}</li>
                {progress && <li>Checklist {progress}</li>}
              </ul>
            </div>
            <TaskBadges task={task} showVisibility={showVisibility} />
          </li>
        );
      })}
    </ul>
  );
}
