import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { LazyMarkdown } from '../../components/markdown/lazy-markdown';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { KeptDraftNotice } from '../../components/ui/kept-draft-notice';
import { PageHeading } from '../../components/ui/page-heading';
import { StaleNotice } from '../../components/ui/stale-notice';
import { Comments } from '../../features/comments/components/comments';
import { Breadcrumbs } from '../../features/documents/components/breadcrumbs';
import { pickableMembers } from '../../features/members/use-workspace-members';
import { attachDocument, detachDocument, getTask, type TaskChange, taskRoute, tickItem, updateTask } from '../../features/tasks/api';
import { DueDate } from '../../features/tasks/components/due-date';
import { TaskAttachments } from '../../features/tasks/components/task-attachments';
import { TaskBadges } from '../../features/tasks/components/task-badges';
import { TaskChecklist } from '../../features/tasks/components/task-checklist';
import { TaskForm } from '../../features/tasks/components/task-form';
import { TaskStatusActions } from '../../features/tasks/components/task-status-actions';
import { assigneeNames, localToday, priorityLabels, statusLabels, taskCan, visibilityLabels } from '../../features/tasks/labels';
import { bothChanged, mergeDraft, type TaskDraft, withDraft, withoutUnchanged } from '../../features/tasks/task-draft';
import type { Task, TaskStatus } from '../../features/tasks/types';
import { useMembers } from '../../features/tasks/use-members';
import { getWorkspace } from '../../features/workspaces/api';
import { WorkspaceAbility } from '../../features/workspaces/labels';
import { toApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { changeOf, isCommentChange, useRefetchOnChange } from '../../lib/live-updates';
import { problemSummary } from '../../lib/problem';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { useGuardedChanges } from '../../lib/use-guarded-changes';
import { useResource } from '../../lib/use-resource';
import { useCurrentUser } from '../providers/session-context';
import { ResourcePage, type ResourceViewProps } from '../resource-page';

export function TaskPage() {
  const { id = '', taskId = '' } = useParams();
  const task = useResource((signal) => getTask(taskId, signal), taskId);

  return (
    <ResourcePage resource={task} workspaceId={id} id={taskId} noun="task" route={taskRoute}>
      {(view) => <TaskView {...view} />}
    </ResourcePage>
  );
}

const doneMessages: Partial<Record<TaskStatus, string>> = {
  in_progress: 'The task is in progress.',
  done: 'The task is marked done.',
  open: 'The task is open again.',
  cancelled: 'The task has been cancelled.',
};

function TaskView({ current, onReplace, onReload }: ResourceViewProps<Task>) {
  const user = useCurrentUser();
  const task = current.data;
  const isEmployee = user.kind === 'employee';
  const workspace = useResource((signal) => getWorkspace(task.workspaceId, signal), task.workspaceId);
  const canSeeMembers = workspace.data?.data.abilities.includes(WorkspaceAbility.readMembers) ?? false;
  const [editing, setEditing] = useState(false);
  // Someone else's status change shows at once; while editing it waits, so the edit keeps its version.
  // A comment changes only the thread, which listens for itself.
  const isThisTask = changeOf('task', task.id);
  useRefetchOnChange(onReload, (change) => isThisTask(change) && !isCommentChange(change), { paused: editing });
  const members = useMembers(task.workspaceId, editing && canSeeMembers);
  const [problem, setProblem] = useState<string | null>(null);
  const { status, setStatus, stale, setStale, replace, change: guarded } = useGuardedChanges<Task>(onReplace, onReload);
  const [pendingStatus, setPendingStatus] = useState<TaskStatus | null>(null);
  const today = localToday();
  // A save refused by a 412 (until "Reload" brings the new version), then that draft on top of the new version.
  const [refused, setRefused] = useState<(TaskDraft & { reloading: boolean }) | null>(null);
  const [kept, setKept] = useState<TaskDraft | null>(null);
  // Status buttons and "Edit task" disappear when pressed: the keyboard goes to what takes their place.
  const actionsRef = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();

  // The reloaded version has arrived: the form starts over from it, with the refused changes on top.
  if (refused?.reloading && current.etag !== refused.etag) {
    setKept({ change: refused.change, base: refused.base, etag: current.etag });
    setRefused(null);
  }

  const change = (body: TaskChange, message: string) => guarded(() => updateTask(task.id, body, current.etag), message);

  async function moveTo(to: TaskStatus) {
    if (pendingStatus !== null) return;
    setPendingStatus(to);
    setProblem(null);
    setStatus(null);
    try {
      if (await change({ status: to }, doneMessages[to] ?? 'The status has been changed.'))
        focusAfterRender(() => actionsRef.current?.querySelector('button'));
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
    } finally {
      setPendingStatus(null);
    }
  }

  const workspaceData = workspace.data?.data ?? null;

  function closeEdit() {
    setEditing(false);
    setRefused(null);
    setKept(null);
    setStale(false);
    focusAfterRender(() => editButton.current);
  }

  async function save(body: TaskChange) {
    // On top of a reloaded version, the form shows the draft as its starting point: send the draft too.
    const wanted = kept ? withoutUnchanged({ ...mergeDraft(kept, task), ...body }, task) : body;
    if (Object.keys(wanted).length === 0) {
      closeEdit();
      setStatus('Nothing was changed.');
      return;
    }
    if (await change(wanted, 'Your changes have been saved.')) closeEdit();
    else setRefused({ change: wanted, base: task, etag: current.etag, reloading: false });
  }

  const names = new Map<string, string>([
    ...[...(kept?.base.assignees ?? []), ...task.assignees].map((person) => [person.id, person.name] as const),
    ...(members.data ?? []).map((member) => [member.user.id, member.user.name] as const),
  ]);

  return (
    <>
      <Breadcrumbs workspaceId={task.workspaceId} workspaceName={workspaceData?.name ?? null} folders={[]} current={task.title} />
      <PageHeading>{task.title}</PageHeading>
      {workspaceData?.status === 'archived' && <Alert tone="info">This workspace is archived. Its tasks are read-only.</Alert>}
      <LiveStatus message={status} />
      {stale && (
        <StaleNotice
          what="task"
          onReload={() => {
            setStale(false);
            setStatus(null);
            // An open edit stays open: the new version comes in under the person's changes.
            setRefused((draft) => draft && { ...draft, reloading: true });
            if (!refused) setEditing(false);
            onReload();
          }}
        >
          {refused ? (
            <p>
              Your changes are still in the form and have not been saved; it is locked until you reload. Reload to bring in what was saved
              meanwhile: your changes stay in the form, on top of it, and you can go on editing.
            </p>
          ) : undefined}
        </StaleNotice>
      )}
      {problem && <Alert tone="error">{problem}</Alert>}
      {!editing && (taskCan(task, 'set_status') || taskCan(task, 'update')) && (
        <div ref={actionsRef} className="task-actions page-actions">
          {taskCan(task, 'set_status') && (
            <TaskStatusActions status={task.status} isEmployee={isEmployee} pending={pendingStatus} onChange={moveTo} />
          )}
          {taskCan(task, 'update') && (
            <Button
              ref={editButton}
              onClick={() => {
                setStatus(null);
                setProblem(null);
                setEditing(true);
              }}
            >
              Edit task
            </Button>
          )}
        </div>
      )}
      {!isEmployee && taskCan(task, 'set_status') && task.status !== 'done' && task.status !== 'cancelled' && !editing && (
        <p className="field-hint task-hint">“Mark done” confirms to the employees that the work is done.</p>
      )}
      {editing ? (
        <section className="section-block" aria-label="Edit task">
          {kept && <KeptDraftNotice what="task" theirs={bothChanged(kept, task)} />}
          {/* Locked while a refused save waits for Reload: what is typed now could not be kept over it. */}
          <fieldset className="fieldset" disabled={refused !== null}>
            <TaskForm
              // A draft kept over a reload starts the form over from the new version.
              key={kept ? `kept:${kept.etag}` : 'edit'}
              mode="edit"
              task={kept ? withDraft(task, mergeDraft(kept, task), names) : task}
              canChooseVisibility={isEmployee}
              members={pickableMembers(members, canSeeMembers, workspace.loading)}
              onCancel={closeEdit}
              onSubmit={save}
            />
          </fieldset>
        </section>
      ) : (
        <>
          <TaskBadges task={task} showVisibility={isEmployee} />
          <dl className="details task-details">
            <div>
              <dt>Status</dt>
              <dd>{statusLabels[task.status]}</dd>
            </div>
            <div>
              <dt>Priority</dt>
              <dd>{priorityLabels[task.priority]}</dd>
            </div>
            <div>
              <dt>Due date</dt>
              <dd>
                <DueDate task={task} today={today} empty="None" />
              </dd>
            </div>
            {isEmployee && (
              <div>
                <dt>Visibility</dt>
                <dd>
                  {visibilityLabels[task.visibility]}
                  <span className="task-dd-note">{task.visibility === 'internal' ? ' · guests never see it' : ' · guests see it'}</span>
                </dd>
              </div>
            )}
            <div>
              <dt>Assigned to</dt>
              <dd>{assigneeNames(task)}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>
                {formatDateTime(task.createdAt)}
                {task.createdBy && ` by ${task.createdBy.name}`}
              </dd>
            </div>
            {task.status === 'done' && task.completedAt && (
              <div>
                <dt>Done</dt>
                <dd>
                  {formatDateTime(task.completedAt)}
                  {task.completedBy && ` by ${task.completedBy.name}`}
                </dd>
              </div>
            )}
          </dl>
          <section className="section-block" aria-labelledby="task-description-heading">
            <h2 id="task-description-heading" className="subheading">
              Description
            </h2>
            {task.description.trim() === '' ? (
              <p className="empty">No description.</p>
            ) : (
              <LazyMarkdown source={task.description} loadingText="Loading the description…" />
            )}
          </section>
          <TaskChecklist
            task={task}
            canTick={taskCan(task, 'tick')}
            onTick={async (itemId, done) => {
              setStatus(null);
              const next = await tickItem(task.id, itemId, done);
              const item = next.data.checklist.find((entry) => entry.id === itemId);
              replace(next, item ? `“${item.text}” is ${done ? 'ticked' : 'unticked'}.` : null);
            }}
          />
          <TaskAttachments
            task={task}
            canChange={taskCan(task, 'update')}
            onAttach={async (document) => {
              setStatus(null);
              replace(await attachDocument(task.id, document.id), `“${document.name}” is attached to this task.`);
            }}
            onRemove={async (attachment) => {
              setStatus(null);
              replace(
                await detachDocument(task.id, attachment.id),
                `“${attachment.name}” is no longer attached to this task. The document itself stays in its folder.`,
              );
            }}
          />
        </>
      )}
      {(workspaceData || workspace.error) && (
        <Comments
          targetType="task"
          targetId={task.id}
          canComment={Boolean(workspaceData?.abilities.includes('comment')) && workspaceData?.status !== 'archived'}
        />
      )}
    </>
  );
}
