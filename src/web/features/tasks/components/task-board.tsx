import { type ReactNode, useId, useState } from 'react';
import { statusLabels } from '../labels';
import { taskStatusOrder } from '../task-view-params';
import type { Task, TaskStatus } from '../types';
import { TaskCard } from './task-card';

export interface TaskBoardProps {
  /** Null while the first answer is on its way. */
  tasks: readonly Task[] | null;
  /** A newer answer is on its way (filters changed, or a reload): the cards shown may be outdated. */
  busy: boolean;
  /** The statuses the filter asks for; the other columns say they are filtered out. */
  statuses: readonly TaskStatus[];
  /** Someone is filtered for: an empty column then says "match", not "there are none". */
  assigneeFiltered: boolean;
  today: string;
  isEmployee: boolean;
  onMoved: (task: Task) => void;
  onStale: (task: Task) => void;
}

/** One column per status, in the workflow's order; on a phone the columns stack. */
export function TaskBoard({ tasks, busy, statuses, assigneeFiltered, today, isEmployee, onMoved, onStale }: TaskBoardProps) {
  // The card that just moved gets the focus in its new column, so keyboard users keep their place.
  const [moved, setMoved] = useState<string | null>(null);
  return (
    <div className="task-board" aria-busy={busy || undefined}>
      {taskStatusOrder.map((status) => (
        <TaskColumn
          key={status}
          status={status}
          tasks={tasks?.filter((task) => task.status === status) ?? null}
          filteredOut={!statuses.includes(status)}
          assigneeFiltered={assigneeFiltered}
        >
          {(task) => (
            <TaskCard
              key={task.id}
              task={task}
              today={today}
              isEmployee={isEmployee}
              focusTitle={moved === task.id}
              onMoved={(next) => {
                setMoved(next.id);
                onMoved(next);
              }}
              onStale={onStale}
            />
          )}
        </TaskColumn>
      ))}
    </div>
  );
}

interface TaskColumnProps {
  status: TaskStatus;
  tasks: readonly Task[] | null;
  filteredOut: boolean;
  assigneeFiltered: boolean;
  children: (task: Task) => ReactNode;
}

function TaskColumn({ status, tasks, filteredOut, assigneeFiltered, children }: TaskColumnProps) {
  const headingId = useId();
  const label = statusLabels[status];
  const count = tasks?.length ?? null;
  // A filtered-out column is empty because of the filter, unless a card was just moved into it.
  const showCount = count !== null && !(filteredOut && count === 0);
  return (
    <section className="task-column" data-status={status} aria-labelledby={headingId}>
      {/* The spoken name says what the pill shows: "Open, 2 tasks". */}
      <h3
        id={headingId}
        className="task-column-heading"
        aria-label={showCount ? `${label}, ${count} ${count === 1 ? 'task' : 'tasks'}` : undefined}
      >
        <span>{label}</span>
        {showCount && <span className="task-column-count">{count}</span>}
      </h3>
      {tasks === null ? (
        <p className="task-column-note">Loading…</p>
      ) : tasks.length > 0 ? (
        <ul className="task-cards" aria-label={`${label} tasks`}>
          {tasks.map(children)}
        </ul>
      ) : filteredOut ? (
        <p className="task-column-note">Not shown: tick “{label}” under Status to see these tasks.</p>
      ) : (
        <p className="task-column-note">
          {assigneeFiltered ? `No ${label.toLowerCase()} tasks match these filters.` : `No ${label.toLowerCase()} tasks.`}
        </p>
      )}
    </section>
  );
}
