import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { SelectField } from '../../components/ui/select-field';
import { listMyTasks } from '../../features/tasks/api';
import { TaskList } from '../../features/tasks/components/task-list';
import { groupLabels, localToday } from '../../features/tasks/labels';
import { groupCount, groupMyTasks, type MyTaskGroup } from '../../features/tasks/my-task-groups';
import type { MyTask } from '../../features/tasks/types';
import type { NamedRef } from '../../lib/api-types';
import { problemSummary } from '../../lib/problem';
import { usePagedList } from '../../lib/use-paged-list';
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
  // Page by page (sorted by due date, so the groups fill in order); a new filter starts over.
  const tasks = usePagedList(async (cursor, signal) => {
    const page = await listMyTasks(workspaceId, today, cursor, signal);
    setKnown((current) => {
      const missing = page.items.filter((task) => !current.has(task.workspace.id));
      if (missing.length === 0) return current;
      return new Map([...current, ...missing.map((task) => [task.workspace.id, task.workspace.name] as const)]);
    });
    return page;
  }, `${workspaceId}:${today}`);

  const workspaces: NamedRef[] = [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  if (workspaceId && !known.has(workspaceId)) workspaces.push({ id: workspaceId, name: 'The chosen workspace' });
  const hasMore = tasks.nextCursor !== null;
  const groups = groupMyTasks(tasks.items, hasMore);

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
              setSearchParams(next, { replace: true, flushSync: true });
            }}
          />
        </search>
      ) : null}
      {tasks.error && (
        <Alert tone="error" title={tasks.items.length > 0 ? 'More of your tasks could not be loaded.' : 'Your tasks could not be loaded.'}>
          <p>{problemSummary(tasks.error.problem)}</p>
          {/* After a failed "Load more", try that page again rather than starting over. */}
          <Button onClick={tasks.items.length > 0 && hasMore ? tasks.loadMore : tasks.reload}>Try again</Button>
        </Alert>
      )}
      {tasks.loading && tasks.items.length === 0 ? (
        <p role="status">Loading your tasks…</p>
      ) : groups.length === 0 ? (
        !tasks.error && (
          <p className="empty">
            {workspaceId
              ? 'Nothing assigned to you is open in this workspace.'
              : 'Nothing assigned to you is open. Tasks assigned to you appear here until they are done.'}
          </p>
        )
      ) : (
        groups.map((entry) => <TaskGroup key={entry.group} entry={entry} today={today} showVisibility={user.kind === 'employee'} />)
      )}
      {!tasks.loading && !tasks.error && <LoadMore hasMore={hasMore} loading={tasks.loadingMore} onLoadMore={tasks.loadMore} />}
    </>
  );
}

function TaskGroup({ entry, today, showVisibility }: { entry: MyTaskGroup<MyTask>; today: string; showVisibility: boolean }) {
  const headingId = useId();
  const { group, tasks } = entry;
  return (
    <section className="section-block task-group" aria-labelledby={headingId} data-group={group}>
      <h2 id={headingId} className="subheading task-group-heading">
        {groupLabels[group]} <span className="task-group-count">{groupCount(entry)}</span>
      </h2>
      <TaskList tasks={tasks} label={groupLabels[group]} today={today} showVisibility={showVisibility} showWorkspace />
    </section>
  );
}
