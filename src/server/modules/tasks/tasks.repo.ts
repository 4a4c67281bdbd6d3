import { type Kysely, type Selectable, sql } from 'kysely';
import type { TaskStatus } from '../../../shared/tasks.js';
import type { Actor } from '../../authz/actor.js';
import type { TaskTarget } from '../../authz/policies/task.policy.js';
import type { WorkspaceTarget } from '../../authz/policies/workspace.policy.js';
import { visibleDocuments, visibleTasks } from '../../authz/scope.js';
import type { DB, TaskChecklistItemsTable, TasksTable } from '../../db/schema.js';

export type TaskRow = Selectable<TasksTable>;
export type ChecklistRow = Selectable<TaskChecklistItemsTable>;

/** A document attached to a task, as far as the reader may see it. */
export interface AttachmentRow {
  task_id: string;
  id: string;
  name: string;
  size: number;
  attached_by: string | null;
  attached_at: string;
}

export interface TaskDetails {
  task: TaskRow;
  assigneeIds: string[];
  checklist: ChecklistRow[];
  /** Only the documents the reader may see, and never a trashed one. */
  attachments: AttachmentRow[];
}

export async function findTask(db: Kysely<DB>, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A change beside the task's own columns (a tick, an attachment) still makes it a new version. */
export async function touchTask(db: Kysely<DB>, taskId: string, userId: string, now: string): Promise<void> {
  await db
    .updateTable('tasks')
    .set((eb) => ({ version: eb('version', '+', 1), updated_by: userId, updated_at: now }))
    .where('id', '=', taskId)
    .execute();
}

export function taskTarget(task: TaskRow, assigneeIds: readonly string[], workspace: WorkspaceTarget): TaskTarget {
  return { id: task.id, workspace, visibility: task.visibility, createdBy: task.created_by, assigneeIds };
}

/** Assignees, checklists and attachments of many tasks, for this reader: three queries however many tasks. */
export async function detailsOf(db: Kysely<DB>, tasks: TaskRow[], reader: Actor): Promise<TaskDetails[]> {
  if (tasks.length === 0) return [];
  const ids = tasks.map((t) => t.id);
  const [assignees, items, attachments] = await Promise.all([
    db.selectFrom('task_assignees').select(['task_id', 'user_id']).where('task_id', 'in', ids).orderBy('user_id').execute(),
    db.selectFrom('task_checklist_items').selectAll().where('task_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('task_attachments')
      .innerJoin('documents', 'documents.id', 'task_attachments.document_id')
      .innerJoin('folders', 'folders.id', 'documents.folder_id')
      .select([
        'task_attachments.task_id',
        'documents.id',
        'documents.name',
        'documents.size',
        'task_attachments.attached_by',
        'task_attachments.attached_at',
      ])
      .where('task_attachments.task_id', 'in', ids)
      .where('documents.deleted_at', 'is', null)
      .where(visibleDocuments(reader))
      .orderBy('task_attachments.attached_at')
      .orderBy('documents.id')
      .execute(),
  ]);
  return tasks.map((task) => ({
    task,
    assigneeIds: assignees.filter((a) => a.task_id === task.id).map((a) => a.user_id),
    checklist: items.filter((i) => i.task_id === task.id),
    attachments: attachments.filter((a) => a.task_id === task.id),
  }));
}

export interface TaskFilters {
  status?: TaskStatus[];
  assigneeId?: string;
  sort?: 'due' | 'created' | 'title';
}

/** A workspace's tasks the caller may see (internal ones never reach a guest), filtered and sorted. */
export async function listWorkspaceTasks(db: Kysely<DB>, actor: Actor, workspaceId: string, filters: TaskFilters, limit: number) {
  let query = db.selectFrom('tasks').selectAll('tasks').where('tasks.workspace_id', '=', workspaceId).where(visibleTasks(actor));
  if (filters.status?.length) query = query.where('tasks.status', 'in', filters.status);
  if (filters.assigneeId) {
    const assigneeId = filters.assigneeId;
    query = query.where((eb) =>
      eb(
        'tasks.id',
        'in',
        eb.selectFrom('task_assignees').select('task_assignees.task_id').where('task_assignees.user_id', '=', assigneeId),
      ),
    );
  }
  const sort = filters.sort ?? 'due';
  if (sort === 'due')
    query = query.orderBy((eb) => eb.case().when('tasks.due_on', 'is', null).then(1).else(0).end()).orderBy('tasks.due_on');
  else if (sort === 'title') query = query.orderBy('tasks.title');
  else query = query.orderBy('tasks.created_at', 'desc');
  return query.orderBy('tasks.id').limit(limit).execute();
}

/** Where a page of My tasks ends: tasks without a due date come last, then by id. */
export type MyTasksPosition = {
  /** '0' with a due date, '1' without. */
  undated: string;
  due: string;
  id: string;
};

/** The open tasks assigned to the caller in the workspaces they may enter, by due date, one page after `after`. */
export async function listMyTasks(
  db: Kysely<DB>,
  actor: Actor & { type: 'user' },
  workspaceId: string | undefined,
  limit: number,
  after?: MyTasksPosition,
) {
  const undated = sql<number>`case when ${sql.ref('tasks.due_on')} is null then 1 else 0 end`;
  const due = sql<string>`coalesce(${sql.ref('tasks.due_on')}, '')`;
  let query = db
    .selectFrom('task_assignees')
    .innerJoin('tasks', 'tasks.id', 'task_assignees.task_id')
    .innerJoin('workspaces', 'workspaces.id', 'tasks.workspace_id')
    .selectAll('tasks')
    .select('workspaces.name as workspace_name')
    .where('task_assignees.user_id', '=', actor.id)
    .where('tasks.status', 'in', ['open', 'in_progress'])
    .where(visibleTasks(actor));
  if (workspaceId) query = query.where('tasks.workspace_id', '=', workspaceId);
  if (after) {
    const flag = Number(after.undated);
    query = query.where((eb) =>
      eb.or([
        eb(undated, '>', flag),
        eb.and([eb(undated, '=', flag), eb(due, '>', after.due)]),
        eb.and([eb(undated, '=', flag), eb(due, '=', after.due), eb('tasks.id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy(undated).orderBy(due).orderBy('tasks.id').limit(limit).execute();
}

export const myTasksPosition = (task: Pick<TaskRow, 'due_on' | 'id'>): MyTasksPosition => ({
  undated: task.due_on === null ? '1' : '0',
  due: task.due_on ?? '',
  id: task.id,
});
