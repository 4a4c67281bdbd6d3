import type { Kysely, Selectable } from 'kysely';
import type { TaskStatus } from '../../../shared/tasks.js';
import type { Actor } from '../../authz/actor.js';
import type { TaskTarget } from '../../authz/policies/task.policy.js';
import type { WorkspaceTarget } from '../../authz/policies/workspace.policy.js';
import { visibleTasks } from '../../authz/scope.js';
import type { DB, TaskChecklistItemsTable, TasksTable } from '../../db/schema.js';

export type TaskRow = Selectable<TasksTable>;
export type ChecklistRow = Selectable<TaskChecklistItemsTable>;

export interface TaskDetails {
  task: TaskRow;
  assigneeIds: string[];
  checklist: ChecklistRow[];
}

export async function findTask(db: Kysely<DB>, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function taskTarget(task: TaskRow, assigneeIds: readonly string[], workspace: WorkspaceTarget): TaskTarget {
  return { id: task.id, workspace, visibility: task.visibility, createdBy: task.created_by, assigneeIds };
}

/** Assignees and checklists of many tasks: two queries however many tasks. */
export async function detailsOf(db: Kysely<DB>, tasks: TaskRow[]): Promise<TaskDetails[]> {
  if (tasks.length === 0) return [];
  const ids = tasks.map((t) => t.id);
  const [assignees, items] = await Promise.all([
    db.selectFrom('task_assignees').select(['task_id', 'user_id']).where('task_id', 'in', ids).orderBy('user_id').execute(),
    db.selectFrom('task_checklist_items').selectAll().where('task_id', 'in', ids).orderBy('position').execute(),
  ]);
  return tasks.map((task) => ({
    task,
    assigneeIds: assignees.filter((a) => a.task_id === task.id).map((a) => a.user_id),
    checklist: items.filter((i) => i.task_id === task.id),
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

/** The open tasks assigned to the caller in the workspaces they may enter, by due date. */
export async function listMyTasks(db: Kysely<DB>, actor: Actor & { type: 'user' }, workspaceId: string | undefined, limit: number) {
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
  return query
    .orderBy((eb) => eb.case().when('tasks.due_on', 'is', null).then(1).else(0).end())
    .orderBy('tasks.due_on')
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
}
