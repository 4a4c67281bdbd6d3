import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { SelectField } from '../../components/ui/select-field';
import { listMyTasks } from '../../features/tasks/api';
import { TaskList } from '../../features/tasks/components/task-list';
import { groupLabels, groupOrder, localToday } from '../../features/tasks/labels';
import type { DueGroup, MyTask } from '../../features/tasks/types';
import type { NamedRef } from '../../lib/api-types';
import { problemSummary } from '../../lib/problem';
import { useResource } from '../../lib/use-resource';
import { useCurrentUser } from '../providers/session-context';

/** Open tasks assigned to the reader across their workspaces, grouped by when they are due in the reader's own day. */
export function MyTasksPage() {
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const workspaceId = searchParams.get('workspace') ?? '';
  // Read once per visit: the groups are for the day the page was opened, in the reader's time zone.
  const [today] = useState(localToday);
  // Every workspace seen in an answer stays in the filter, so narrowing the list never empties the choice.
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  const tasks = useResource(async (signal) => {
    const items = await listMyTasks(workspaceId, today, signal);
    setKnown((current) => {
      const missing = items.filter((task) => !current.has(task.workspace.id));
      if (missing.length === 0) return current;
      return new Map([...current, ...missing.map((task) => [task.workspace.id, task.workspace.name] as const)]);
    });
    return items;
  }, `${workspaceId}:${today}`);

  const workspaces: NamedRef[] = [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  if (workspaceId && !known.has(workspaceId)) workspaces.push({ id: workspaceId, name: 'The chosen workspace' });
  const items = tasks.data ?? [];
  const groups = groupOrder
    .map((group) => ({ group, tasks: items.filter((task) => task.group === group) }))
    .filter((entry) => entry.tasks.length > 0);

  return (
    <>
      <PageHeading description="Tasks assigned to you that are still open or in progress, in all your workspaces.">My tasks</PageHeading>
      {workspaces.length > 1 || workspaceId ? (
        <search className="filters task-filters">
          <SelectField
            label="Workspace"
            name="workspace"
            value={workspaceId}
            options={[
              { value: '', label: 'All workspaces' },
              ...workspaces.map((workspace) => ({ value: workspace.id, label: workspace.name })),
            ]}
            onChange={(event) => {
              const next = new URLSearchParams(searchParams);
              if (event.target.value) next.set('workspace', event.target.value);
              else next.delete('workspace');
              setSearchParams(next, { replace: true });
            }}
          />
        </search>
      ) : null}
      {tasks.error ? (
        <Alert tone="error" title="Your tasks could not be loaded.">
          <p>{problemSummary(tasks.error.problem)}</p>
          <Button onClick={tasks.reload}>Try again</Button>
        </Alert>
      ) : tasks.loading && tasks.data === null ? (
        <p role="status">Loading your tasks…</p>
      ) : groups.length === 0 ? (
        <p className="empty">
          {workspaceId
            ? 'Nothing assigned to you is open in this workspace.'
            : 'Nothing assigned to you is open. Tasks assigned to you appear here until they are done.'}
        </p>
      ) : (
        groups.map((entry) => (
          <TaskGroup key={entry.group} group={entry.group} tasks={entry.tasks} today={today} showVisibility={user.kind === 'employee'} />
        ))
      )}
    </>
  );
}

function TaskGroup({ group, tasks, today, showVisibility }: { group: DueGroup; tasks: MyTask[]; today: string; showVisibility: boolean }) {
  const headingId = useId();
  return (
    <section className="section-block task-group" aria-labelledby={headingId} data-group={group}>
      <h2 id={headingId} className="subheading task-group-heading">
        {groupLabels[group]} <span className="task-group-count">({tasks.length})</span>
      </h2>
      <TaskList tasks={tasks} label={groupLabels[group]} today={today} showVisibility={showVisibility} showWorkspace />
    </section>
  );
}
