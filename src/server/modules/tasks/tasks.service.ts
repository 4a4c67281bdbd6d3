import type { Kysely } from 'kysely';
import { dueGroup, type TaskPriority, type TaskStatus, type TaskVisibility } from '../../../shared/tasks.js';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser, type UserActor } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { assertIfMatch, preconditionFailed } from '../../http/preconditions.js';
import { invalid, notFound } from '../../http/problems.js';
import { badCursor, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { peopleFor } from '../directory/person-ref.js';
import { pickMembers } from '../members/pick-members.js';
import { assertChangeable, loadWorkspace } from '../workspaces/workspace-access.js';
import { findWorkspace, findWorkspaces, type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';
import { peopleOf, presentTask, taskEtag } from './tasks.presenter.js';
import {
  detailsOf,
  findTask,
  listMyTasks,
  listWorkspaceTasks,
  myTasksPosition,
  type TaskDetails,
  type TaskFilters,
  taskTarget,
  touchTask,
} from './tasks.repo.js';

export interface TaskInput {
  title: string;
  description?: string;
  priority?: TaskPriority;
  dueOn?: string | null;
  visibility?: TaskVisibility;
  assigneeIds?: string[];
  checklist?: { text: string }[];
}

export interface TaskChanges {
  title?: string;
  description?: string;
  priority?: TaskPriority;
  dueOn?: string | null;
  visibility?: TaskVisibility;
  status?: TaskStatus;
  assigneeIds?: string[];
  /** Replaces the list; items keep their id (and ticks) when it is given back. */
  checklist?: { id?: string; text: string }[];
}

function checkDate(path: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value)
    throw invalid(path, 'is not a calendar date (YYYY-MM-DD)');
}

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw invalid('/title', 'must not be empty');
  return trimmed;
}

/** A viewer only reads: a task they could neither start nor tick is not theirs to hold. */
const checkAssignees = (db: Kysely<DB>, actor: Actor, workspaceId: string, ids: string[], visibility: TaskVisibility) =>
  pickMembers(db, actor, workspaceId, ids, { path: '/assigneeIds', internal: visibility === 'internal', viewers: false });

export async function loadTask(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  action: 'read' | 'update' | 'set_status' | 'tick' = 'read',
) {
  const task = await findTask(ctx.db, id);
  const workspace = task && (await findWorkspace(ctx.db, task.workspace_id));
  if (!task || !workspace) throw notFound();
  const [details] = await detailsOf(ctx.db, [task], actor);
  if (!details) throw notFound();
  authorize(actor, 'task', action, taskTarget(task, details.assigneeIds, workspaceTarget(workspace)));
  return { details, workspace };
}

export async function presentLoaded(ctx: AppContext, actor: Actor, details: TaskDetails, workspace: WorkspaceRow) {
  const person = await peopleFor(ctx.db, actor, peopleOf(details));
  return { task: presentTask(actor, details, workspace, person), etag: taskEtag(details.task) };
}

export async function getTask(ctx: AppContext, actor: Actor, id: string) {
  const { details, workspace } = await loadTask(ctx, actor, id);
  return presentLoaded(ctx, actor, details, workspace);
}

export async function createTask(ctx: AppContext, actor: Actor, workspaceId: string, input: TaskInput, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'create_task');
  assertChangeable(workspace);
  const visibility = input.visibility ?? 'shared';
  if (caller.kind === 'guest' && visibility !== 'shared') throw invalid('/visibility', 'guests create shared tasks only');
  checkDate('/dueOn', input.dueOn);
  const title = checkTitle(input.title);
  const assignees = await checkAssignees(ctx.db, actor, workspaceId, input.assigneeIds ?? [], visibility);
  const id = newId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tasks')
      .values({
        id,
        workspace_id: workspaceId,
        title,
        description: input.description ?? '',
        status: 'open',
        priority: input.priority ?? 'normal',
        due_on: input.dueOn ?? null,
        visibility,
        version: 1,
        created_by: caller.id,
        updated_by: caller.id,
        completed_by: null,
        completed_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (assignees.length > 0)
      await trx
        .insertInto('task_assignees')
        .values(assignees.map((user_id) => ({ task_id: id, user_id })))
        .execute();
    await replaceChecklist(
      trx,
      id,
      (input.checklist ?? []).map((i) => ({ text: i.text })),
      [],
    );
    await record(trx, {
      actorId: caller.id,
      action: 'task.created',
      target: { type: 'task', id },
      workspaceId,
      ip: meta.ip,
      details: { title, visibility, assigneeIds: assignees },
      internal: visibility === 'internal',
    });
  });
  const { details } = await loadTask(ctx, actor, id);
  return presentLoaded(ctx, actor, details, workspace);
}

async function replaceChecklist(
  trx: Kysely<DB>,
  taskId: string,
  items: { id?: string; text: string }[],
  existing: TaskDetails['checklist'],
): Promise<void> {
  const kept = new Map(existing.map((i) => [i.id, i]));
  const given = new Set<string>();
  await trx.deleteFrom('task_checklist_items').where('task_id', '=', taskId).execute();
  const rows = items.map((item, position) => {
    const text = item.text.trim();
    if (!text) throw invalid(`/checklist/${position}/text`, 'must not be empty');
    const before = item.id ? kept.get(item.id) : undefined;
    if (item.id && !before) throw invalid(`/checklist/${position}/id`, 'is not an item of this task');
    if (item.id && given.has(item.id)) throw invalid(`/checklist/${position}/id`, 'is given twice');
    if (item.id) given.add(item.id);
    return {
      id: before?.id ?? newId(),
      task_id: taskId,
      position,
      text,
      done: before?.done ?? 0,
      done_by: before?.done_by ?? null,
      done_at: before?.done_at ?? null,
    };
  });
  if (rows.length > 0) await trx.insertInto('task_checklist_items').values(rows).execute();
}

/** Everything but the status needs `update`; the status alone needs `set_status` (an assigned guest). */
export async function updateTask(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: TaskChanges,
  ifMatch: string | undefined,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const editing = Object.keys(changes).some((k) => k !== 'status');
  const { details, workspace } = await loadTask(ctx, actor, id, editing ? 'update' : 'set_status');
  if (changes.status !== undefined && editing) {
    authorize(actor, 'task', 'set_status', taskTarget(details.task, details.assigneeIds, workspaceTarget(workspace)));
  }
  assertChangeable(workspace);
  const task = details.task;
  // Nothing asked, or the status it already has: no new version, nothing to record.
  const keys = Object.keys(changes);
  if (keys.length === 0 || (keys.length === 1 && changes.status === task.status)) return presentLoaded(ctx, actor, details, workspace);
  assertIfMatch(ifMatch, taskEtag(task), 'task');
  const visibility = changes.visibility ?? task.visibility;
  if (caller.kind === 'guest' && visibility !== 'shared') throw invalid('/visibility', 'guests keep tasks shared');
  checkDate('/dueOn', changes.dueOn);
  const assignees =
    changes.assigneeIds !== undefined || visibility !== task.visibility
      ? await checkAssignees(ctx.db, actor, workspace.id, changes.assigneeIds ?? details.assigneeIds, visibility)
      : details.assigneeIds;
  const status = changes.status ?? task.status;
  const now = new Date().toISOString();
  const completing = status === 'done' && task.status !== 'done';
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('tasks')
      .set({
        title: changes.title !== undefined ? checkTitle(changes.title) : task.title,
        description: changes.description ?? task.description,
        priority: changes.priority ?? task.priority,
        due_on: changes.dueOn !== undefined ? changes.dueOn : task.due_on,
        visibility,
        status,
        completed_by: status === 'done' ? (completing ? caller.id : task.completed_by) : null,
        completed_at: status === 'done' ? (completing ? now : task.completed_at) : null,
        version: task.version + 1,
        updated_by: caller.id,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', task.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw preconditionFailed('task');
    if (assignees !== details.assigneeIds) {
      await trx.deleteFrom('task_assignees').where('task_id', '=', id).execute();
      if (assignees.length > 0)
        await trx
          .insertInto('task_assignees')
          .values(assignees.map((user_id) => ({ task_id: id, user_id })))
          .execute();
    }
    if (changes.checklist !== undefined) await replaceChecklist(trx, id, changes.checklist, details.checklist);
    await record(trx, {
      actorId: caller.id,
      action: editing ? 'task.updated' : 'task.status_changed',
      target: { type: 'task', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: {
        ...changes,
        ...(changes.status ? { previousStatus: task.status } : {}),
        ...(assignees !== details.assigneeIds ? { assigneeIds: assignees, previousAssigneeIds: details.assigneeIds } : {}),
      },
      internal: visibility === 'internal',
    });
  });
  const reloaded = await loadTask(ctx, actor, id);
  return presentLoaded(ctx, actor, reloaded.details, reloaded.workspace);
}

/** Tick or untick one checklist item: the task's assignees (guests included) and its employees. */
export async function tickItem(ctx: AppContext, actor: Actor, id: string, itemId: string, done: boolean, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { details, workspace } = await loadTask(ctx, actor, id, 'tick');
  assertChangeable(workspace);
  const item = details.checklist.find((i) => i.id === itemId);
  if (!item) throw notFound();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('task_checklist_items')
      .set({ done: done ? 1 : 0, done_by: done ? caller.id : null, done_at: done ? now : null })
      .where('id', '=', itemId)
      .execute();
    await touchTask(trx, id, caller.id, now);
    await record(trx, {
      actorId: caller.id,
      action: 'task.item_ticked',
      target: { type: 'task', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { itemId, text: item.text, done },
      internal: details.task.visibility === 'internal',
    });
  });
  const reloaded = await loadTask(ctx, actor, id);
  return presentLoaded(ctx, actor, reloaded.details, reloaded.workspace);
}

export async function listTasks(ctx: AppContext, actor: Actor, workspaceId: string, filters: TaskFilters & { limit?: number }) {
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'read');
  const rows = await listWorkspaceTasks(ctx.db, actor, workspaceId, filters, filters.limit ?? 200);
  const details = await detailsOf(ctx.db, rows, actor);
  const person = await peopleFor(ctx.db, actor, details.flatMap(peopleOf));
  return { items: details.map((d) => presentTask(actor, d, workspace, person)) };
}

/** The caller's open tasks across their workspaces, each in its due-date group for the reader's `today`, a page at a time. */
export async function myTasks(
  ctx: AppContext,
  actor: Actor,
  query: { workspaceId?: string; today?: string; limit?: number; cursor?: string },
) {
  const caller: UserActor = requireUser(actor);
  checkDate('/querystring/today', query.today);
  const today = query.today ?? new Date().toISOString().slice(0, 10);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['undated', 'due', 'id'] as const) : undefined;
  if (after && (!['0', '1'].includes(after.undated) || !/^(\d{4}-\d{2}-\d{2})?$/.test(after.due))) throw badCursor();
  const rows = await listMyTasks(ctx.db, caller, query.workspaceId, limit + 1, after);
  const page = rows.slice(0, limit);
  const details = await detailsOf(ctx.db, page, actor);
  const person = await peopleFor(ctx.db, actor, details.flatMap(peopleOf));
  const workspaces = new Map((await findWorkspaces(ctx.db, [...new Set(page.map((r) => r.workspace_id))])).map((w) => [w.id, w]));
  const last = page.at(-1);
  return {
    items: details.flatMap((d) => {
      const workspace = workspaces.get(d.task.workspace_id);
      if (!workspace) return [];
      return [
        {
          ...presentTask(actor, d, workspace, person),
          workspace: { id: workspace.id, name: workspace.name },
          group: dueGroup(d.task.due_on, today),
        },
      ];
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(myTasksPosition(last)) : null,
  };
}
