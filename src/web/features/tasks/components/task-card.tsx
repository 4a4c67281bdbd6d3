import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { moveTask, StaleTaskError, taskRoute } from '../api';
import { assigneeNames, checklistProgress, priorityLabels, statusLabels, taskCan } from '../labels';
import { moveTargets } from '../task-view-params';
import type { Task, TaskStatus } from '../types';
import { DueDate } from './due-date';

export interface TaskCardProps {
  task: Task;
  today: string;
  isEmployee: boolean;
  /** Put the keyboard focus on the title, e.g. after the card moved to another column. */
  focusTitle: boolean;
  onMoved: (task: Task) => void;
  /** Someone else changed the task since the board was read; nothing was saved. */
  onStale: (task: Task) => void;
}

/** One task on the board: its title (the link to it), facts, badges and, where allowed, "Move to…". */
export function TaskCard({ task, today, isEmployee, focusTitle, onMoved, onStale }: TaskCardProps) {
  const titleRef = useRef<HTMLAnchorElement>(null);
  const progress = checklistProgress(task);

  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);

  return (
    <li className="task-card">
      <Link ref={titleRef} to={taskRoute(task.workspaceId, task.id)} className="item-title task-card-title">
        {task.title}
      </Link>
      <ul className="task-meta task-card-meta">
        <li>
          <DueDate task={task} today={today} />
        </li>
        <li>Assigned to {assigneeNames(task, 'nobody')}</li>
        {progress && <li>Checklist {progress}</li>}
      </ul>
      <span className="task-badges">
        <span className={`badge task-priority task-priority-${task.priority}`}>{priorityLabels[task.priority]} priority</span>
        {isEmployee && task.visibility === 'internal' && <span className="badge task-visibility task-visibility-internal">Internal</span>}
      </span>
      {taskCan(task, 'set_status') && <MoveForm task={task} isEmployee={isEmployee} onMoved={onMoved} onStale={onStale} />}
    </li>
  );
}

function MoveForm({ task, isEmployee, onMoved, onStale }: Pick<TaskCardProps, 'task' | 'isEmployee' | 'onMoved' | 'onStale'>) {
  const selectId = useId();
  const errorId = useId();
  const [to, setTo] = useState<TaskStatus | ''>('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (to === '') {
      setProblem('Choose where to move the task.');
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      onMoved(await moveTask(task, to));
    } catch (error) {
      setPending(false);
      if (error instanceof StaleTaskError) onStale(task);
      else setProblem(`It could not be moved. ${problemSummary(toApiError(error).problem)}`);
    }
  }

  return (
    <form className="task-move" onSubmit={submit} noValidate>
      <label htmlFor={selectId} className="task-move-label">
        Move<VisuallyHidden> “{task.title}”</VisuallyHidden> to
      </label>
      <select
        id={selectId}
        className="input select task-move-select"
        value={to}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => {
          setTo(event.target.value as TaskStatus | '');
          setProblem(null);
        }}
      >
        <option value="">Choose…</option>
        {moveTargets(task.status, isEmployee).map((status) => (
          <option key={status} value={status}>
            {statusLabels[status]}
          </option>
        ))}
      </select>
      <Button type="submit" busy={pending} className="task-move-button">
        {pending ? 'Moving…' : 'Move'}
        <VisuallyHidden> “{task.title}”</VisuallyHidden>
      </Button>
      {problem && (
        <p id={errorId} className="field-error task-move-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
