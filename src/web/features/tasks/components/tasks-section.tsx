import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { SelectField } from '../../../components/ui/select-field';
import type { Workspace } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { WorkspaceAbility } from '../../workspaces/labels';
import { createTask, listTasks, type TaskListFilters, taskRoute } from '../api';
import { localToday, statusLabels } from '../labels';
import type { TaskSort, TaskStatus } from '../types';
import { useMembers } from '../use-members';
import { TaskForm } from './task-form';
import { TaskList } from './task-list';

type StatusFilter = 'active' | TaskStatus | 'all';

const statusFilters: Record<StatusFilter, readonly TaskStatus[]> = {
  active: ['open', 'in_progress'],
  open: ['open'],
  in_progress: ['in_progress'],
  done: ['done'],
  cancelled: ['cancelled'],
  all: [],
};

const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Open and in progress' },
  { value: 'open', label: statusLabels.open },
  { value: 'in_progress', label: statusLabels.in_progress },
  { value: 'done', label: statusLabels.done },
  { value: 'cancelled', label: statusLabels.cancelled },
  { value: 'all', label: 'All' },
];

const sortOptions: { value: TaskSort; label: string }[] = [
  { value: 'due', label: 'Due date' },
  { value: 'created', label: 'Newest first' },
  { value: 'title', label: 'Title' },
];

export interface TasksSectionProps {
  workspace: Workspace;
  currentUserId: string;
  isEmployee: boolean;
}

/** The workspace page's tasks: a filtered, sorted list and, where allowed, the new-task form. */
export function TasksSection({ workspace, currentUserId, isEmployee }: TasksSectionProps) {
  const headingId = useId();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [assigneeId, setAssigneeId] = useState('');
  const [sort, setSort] = useState<TaskSort>('due');
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const filters: TaskListFilters = { statuses: statusFilters[status], assigneeId, sort };
  const tasks = useResource(
    (signal) => listTasks(workspace.id, filters, signal),
    `${workspace.id}:${workspace.status}:${status}:${assigneeId}:${sort}:${version}`,
  );
  const canCreate = workspace.abilities.includes('create_task');
  const canSeeMembers = workspace.abilities.includes(WorkspaceAbility.readMembers);
  const members = useMembers(workspace.id, canSeeMembers);
  const today = localToday();
  const items = tasks.data ?? [];
  const filtered = status !== 'active' || assigneeId !== '';

  const assigneeOptions = [
    { value: '', label: 'Anyone' },
    { value: currentUserId, label: 'Me' },
    ...(members.data ?? [])
      .filter((member) => member.user.id !== currentUserId)
      .map((member) => ({ value: member.user.id, label: member.user.name })),
  ];

  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Tasks</h2>
        {canCreate && !creating && (
          <div className="actions">
            <Button
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
            >
              New task
            </Button>
          </div>
        )}
      </div>
      <LiveStatus message={created ? `The task “${created.title}” has been created.` : null} />
      {created && (
        <p className="task-created-link">
          <Link to={taskRoute(workspace.id, created.id)}>Open “{created.title}”</Link>
        </p>
      )}
      {creating && (
        <div className="task-new">
          <h3>New task</h3>
          <TaskForm
            mode="create"
            canChooseVisibility={isEmployee}
            members={{
              list: canSeeMembers ? members.data : null,
              loading: canSeeMembers && members.loading,
              failed: members.error !== null,
              onRetry: members.reload,
            }}
            onCancel={() => setCreating(false)}
            onSubmit={async (input) => {
              const task = (await createTask(workspace.id, input)).data;
              setCreating(false);
              setCreated({ id: task.id, title: task.title });
              setVersion((value) => value + 1);
            }}
          />
        </div>
      )}
      <search className="filters task-filters">
        <SelectField
          label="Status"
          name="status"
          value={status}
          options={statusOptions}
          onChange={(event) => setStatus(event.target.value as StatusFilter)}
        />
        <SelectField
          label="Assigned to"
          name="assigneeId"
          value={assigneeId}
          options={assigneeOptions}
          onChange={(event) => setAssigneeId(event.target.value)}
        />
        <SelectField
          label="Sort by"
          name="sort"
          value={sort}
          options={sortOptions}
          onChange={(event) => setSort(event.target.value as TaskSort)}
        />
      </search>
      {tasks.error ? (
        <Alert tone="error" title="The tasks could not be loaded.">
          <p>{problemSummary(tasks.error.problem)}</p>
          <Button onClick={tasks.reload}>Try again</Button>
        </Alert>
      ) : tasks.loading && tasks.data === null ? (
        <p>Loading tasks…</p>
      ) : items.length === 0 ? (
        <p className="empty">
          {filtered
            ? 'No tasks match these filters.'
            : canCreate
              ? 'No open tasks. Create one to share work with the people here.'
              : isEmployee
                ? 'No open tasks.'
                : 'No open tasks have been shared with you here.'}
        </p>
      ) : (
        <TaskList tasks={items} label="Tasks" today={today} showVisibility={isEmployee} />
      )}
    </section>
  );
}
