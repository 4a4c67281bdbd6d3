import { useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import type { Workspace } from '../../../lib/api-types';
import { itemsChangedIn, useRefetchOnChange } from '../../../lib/live-updates';
import { problemSummary } from '../../../lib/problem';
import { useFocusAfterRender } from '../../../lib/use-focus-after-render';
import { useResource } from '../../../lib/use-resource';
import { pickableMembers } from '../../members/use-workspace-members';
import { WorkspaceAbility } from '../../workspaces/labels';
import { createTask, listTasks, taskRoute } from '../api';
import { localToday, statusLabels } from '../labels';
import { isFiltered, readTaskView, type TaskViewState, writeTaskView } from '../task-view-params';
import type { Task } from '../types';
import { useMembers } from '../use-members';
import { TaskBoard } from './task-board';
import { TaskFilters } from './task-filters';
import { TaskForm } from './task-form';
import { TaskList } from './task-list';

export interface TasksSectionProps {
  workspace: Workspace;
  currentUserId: string;
  isEmployee: boolean;
}

/**
 * The workspace page's tasks as a list or a board, filtered and sorted (all kept in the address so a
 * reload or a shared link shows the same), and, where allowed, the new-task form.
 */
export function TasksSection({ workspace, currentUserId, isEmployee }: TasksSectionProps) {
  const headingId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readTaskView(searchParams);
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const statusKey = state.statuses.join(',');
  // Nothing ticked shows nothing: the API would read an empty status list as "every status".
  const tasks = useResource(
    (signal) => (state.statuses.length === 0 ? Promise.resolve([]) : listTasks(workspace.id, state, signal)),
    `${workspace.id}:${workspace.status}:${statusKey}:${state.assigneeId}:${state.sort}:${version}`,
  );
  useRefetchOnChange(tasks.reload, itemsChangedIn(workspace.id, ['task']));
  const canCreate = workspace.abilities.includes('create_task');
  const canSeeMembers = workspace.abilities.includes(WorkspaceAbility.readMembers);
  const members = useMembers(workspace.id, canSeeMembers);
  const today = localToday();
  const items = tasks.data ?? [];
  // A move answers after its await: it must update the list as it is then, not as it was when it started.
  const latestItems = useRef(items);
  latestItems.current = items;
  const filtered = isFiltered(state);
  // The form replaces the "New task" button: closing it puts the keyboard back there, or on the new task's link.
  const newTaskButton = useRef<HTMLButtonElement>(null);
  const createdLink = useRef<HTMLAnchorElement>(null);
  const focusAfterRender = useFocusAfterRender();

  const memberOptions = (members.data ?? [])
    .filter((member) => member.user.id !== currentUserId)
    .map((member) => ({ value: member.user.id, label: member.user.name }));
  const assigneeOptions = [{ value: '', label: 'Anyone' }, { value: currentUserId, label: 'Me' }, ...memberOptions];
  // A link may name someone the reader cannot see in the member list: keep the choice visible.
  if (state.assigneeId && !assigneeOptions.some((option) => option.value === state.assigneeId))
    assigneeOptions.push({ value: state.assigneeId, label: members.loading ? 'Loading…' : 'Someone not listed here' });

  function change(next: TaskViewState) {
    setMoved(null);
    setStale(null);
    setSearchParams((current) => writeTaskView(current, next), { replace: true, preventScrollReset: true, flushSync: true });
  }

  function onMoved(task: Task) {
    setStale(null);
    // The move changes nothing the list is sorted by, so the card only changes column.
    tasks.setData(latestItems.current.map((item) => (item.id === task.id ? task : item)));
    setMoved(`“${task.title}” has been moved to ${statusLabels[task.status]}.`);
  }

  function onStale(task: Task) {
    setMoved(null);
    setStale(task.title);
    tasks.reload();
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Tasks</h2>
        {canCreate && !creating && (
          <div className="actions">
            <Button
              ref={newTaskButton}
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
          <Link ref={createdLink} to={taskRoute(workspace.id, created.id)}>
            Open “{created.title}”
          </Link>
        </p>
      )}
      {creating && (
        <div className="task-new">
          <h3>New task</h3>
          <TaskForm
            mode="create"
            canChooseVisibility={isEmployee}
            members={pickableMembers(members, canSeeMembers)}
            onCancel={() => {
              setCreating(false);
              focusAfterRender(() => newTaskButton.current);
            }}
            onSubmit={async (input) => {
              const task = (await createTask(workspace.id, input)).data;
              setCreating(false);
              setCreated({ id: task.id, title: task.title });
              setVersion((value) => value + 1);
              focusAfterRender(() => createdLink.current ?? newTaskButton.current);
            }}
          />
        </div>
      )}
      <TaskFilters state={state} assigneeOptions={assigneeOptions} onChange={change} />
      <LiveStatus message={moved} />
      {stale && (
        <Alert tone="error" title="Someone else changed this task — the tasks have been reloaded.">
          <p>
            “{stale}” was changed by someone else after this page read it, so it was not moved. Check it as it is now, then move it again if
            you still need to.
          </p>
          <Button onClick={() => setStale(null)}>Dismiss</Button>
        </Alert>
      )}
      {tasks.error ? (
        <Alert tone="error" title="The tasks could not be loaded.">
          <p>{problemSummary(tasks.error.problem)}</p>
          <Button onClick={tasks.reload}>Try again</Button>
        </Alert>
      ) : state.view === 'board' ? (
        <TaskBoard
          tasks={tasks.data}
          busy={tasks.loading}
          statuses={state.statuses}
          assigneeFiltered={state.assigneeId !== ''}
          today={today}
          isEmployee={isEmployee}
          onMoved={onMoved}
          onStale={onStale}
        />
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
