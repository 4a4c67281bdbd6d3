import { useId, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { toApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { checklistProgress } from '../labels';
import type { Task } from '../types';

export interface TaskChecklistProps {
  task: Task;
  canTick: boolean;
  onTick: (itemId: string, done: boolean) => Promise<void>;
}

/** The checklist: checkboxes for those who may tick, a plain list with "Done" for everyone else. */
export function TaskChecklist({ task, canTick, onTick }: TaskChecklistProps) {
  const headingId = useId();
  // The tick being saved shows at once; the server's answer then replaces it (or the error puts it back).
  const [pending, setPending] = useState<{ id: string; done: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function tick(itemId: string, done: boolean) {
    // One change at a time; the checkbox stays focusable (disabling it would drop the focus).
    if (pending !== null) return;
    setPending({ id: itemId, done });
    setProblem(null);
    try {
      await onTick(itemId, done);
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="section-block task-checklist" aria-labelledby={headingId}>
      <h2 id={headingId} className="subheading">
        Checklist
        {task.checklist.length > 0 && <span className="task-progress"> · {checklistProgress(task)}</span>}
      </h2>
      {problem && (
        <Alert tone="error" title="The checklist item could not be changed.">
          <p>{problem}</p>
        </Alert>
      )}
      {task.checklist.length === 0 ? (
        <p className="empty">This task has no checklist.</p>
      ) : (
        <ul className="task-checklist-items" aria-busy={pending !== null || undefined}>
          {task.checklist.map((item) => {
            const inputId = `${headingId}-${item.id}`;
            const who = item.done && item.doneBy ? `Ticked by ${item.doneBy.name}, ${formatDateTime(item.doneAt)}` : null;
            return (
              <li key={item.id} className="task-checklist-item" data-done={item.done || undefined}>
                {canTick ? (
                  <div className="checkbox-row">
                    <input
                      id={inputId}
                      type="checkbox"
                      className="checkbox"
                      checked={pending?.id === item.id ? pending.done : item.done}
                      aria-describedby={who ? `${inputId}-who` : undefined}
                      onChange={(event) => tick(item.id, event.target.checked)}
                    />
                    <label htmlFor={inputId} className="task-checklist-text">
                      {item.text}
                    </label>
                  </div>
                ) : (
                  <p className="task-checklist-text">
                    <span className="task-checklist-state">{item.done ? 'Done' : 'To do'}</span>
                    <span className="visually-hidden">: </span>
                    {item.text}
                  </p>
                )}
                {who && (
                  <p id={`${inputId}-who`} className="task-checklist-who">
                    {who}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
