import { useId } from 'react';
import { SelectField } from '../../../components/ui/select-field';
import { ViewToggle } from '../../../components/ui/view-toggle';
import { statusLabels } from '../labels';
import { type TaskView, type TaskViewState, taskStatusOrder } from '../task-view-params';
import type { TaskSort } from '../types';

const sortOptions: { value: TaskSort; label: string }[] = [
  { value: 'due', label: 'Due date' },
  { value: 'created', label: 'Newest first' },
  { value: 'title', label: 'Title' },
];

const viewLabels: Record<TaskView, string> = { list: 'List', board: 'Board' };

export interface TaskFiltersProps {
  state: TaskViewState;
  /** "Anyone", "Me" and the workspace's members. */
  assigneeOptions: ReadonlyArray<{ value: string; label: string }>;
  onChange: (next: TaskViewState) => void;
}

/** The list/board switch, then the status, assignee and sort filters; the section keeps them in the address. */
export function TaskFilters({ state, assigneeOptions, onChange }: TaskFiltersProps) {
  const statusHintId = useId();
  return (
    <search className="filters task-filters">
      <ViewToggle
        className="task-view-field"
        views={['list', 'board'] as const}
        labels={viewLabels}
        value={state.view}
        onChange={(view) => onChange({ ...state, view })}
      />
      <fieldset className="filter-group task-status-filter" aria-describedby={state.statuses.length === 0 ? statusHintId : undefined}>
        <legend className="field-label">Status</legend>
        <div className="task-status-choices">
          {taskStatusOrder.map((status) => (
            <label key={status} className="task-status-choice">
              <input
                type="checkbox"
                className="checkbox"
                name="taskStatus"
                value={status}
                checked={state.statuses.includes(status)}
                onChange={(event) => {
                  const ticked = event.target.checked;
                  const statuses = taskStatusOrder.filter((s) => (s === status ? ticked : state.statuses.includes(s)));
                  onChange({ ...state, statuses });
                }}
              />
              {statusLabels[status]}
            </label>
          ))}
        </div>
        {state.statuses.length === 0 && (
          <p id={statusHintId} className="field-hint">
            Tick at least one status to see tasks.
          </p>
        )}
      </fieldset>
      <SelectField
        label="Assigned to"
        name="taskAssignee"
        value={state.assigneeId}
        options={assigneeOptions}
        onChange={(event) => onChange({ ...state, assigneeId: event.target.value })}
      />
      <SelectField
        label="Sort by"
        name="taskSort"
        value={state.sort}
        options={sortOptions}
        onChange={(event) => onChange({ ...state, sort: event.target.value as TaskSort })}
      />
    </search>
  );
}
