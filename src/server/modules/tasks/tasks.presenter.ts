import { Type } from 'typebox';
import { TASK_ACTIONS, TASK_PRIORITIES, TASK_STATUSES, TASK_VISIBILITIES, type TaskAction } from '../../../shared/tasks.js';
import { type Actor, abilities } from '../../authz/index.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import type { PersonRef } from '../directory/person-ref.js';
import { PersonRefSchema } from '../directory/person-ref.js';
import { type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';
import { type TaskDetails, type TaskRow, taskTarget } from './tasks.repo.js';

export const DateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar date, YYYY-MM-DD' });

export const ChecklistItemSchema = Type.Object({
  id: IdSchema,
  text: Type.String(),
  done: Type.Boolean(),
  doneBy: Nullable(PersonRefSchema),
  doneAt: Nullable(TimestampSchema),
});

export const AttachmentSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  size: Type.Integer(),
  attachedBy: Nullable(PersonRefSchema),
  attachedAt: TimestampSchema,
});

export const TaskSchema = Type.Object({
  id: IdSchema,
  workspaceId: IdSchema,
  title: Type.String(),
  description: Type.String({ description: 'Markdown' }),
  status: Type.Enum(TASK_STATUSES),
  priority: Type.Enum(TASK_PRIORITIES),
  dueOn: Nullable(DateSchema),
  visibility: Type.Enum(TASK_VISIBILITIES),
  assignees: Type.Array(PersonRefSchema),
  checklist: Type.Array(ChecklistItemSchema),
  attachments: Type.Array(AttachmentSchema, { description: 'Documents attached to the task that the reader may see' }),
  createdBy: Nullable(PersonRefSchema),
  updatedBy: Nullable(PersonRefSchema),
  completedBy: Nullable(PersonRefSchema),
  completedAt: Nullable(TimestampSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  abilities: Type.Array(Type.Enum(TASK_ACTIONS)),
});

/** Reading only, while the workspace is archived. */
export function taskAbilities(actor: Actor, details: TaskDetails, workspace: WorkspaceRow): TaskAction[] {
  const all = abilities(actor, 'task', taskTarget(details.task, details.assigneeIds, workspaceTarget(workspace)));
  return workspace.status === 'archived' ? all.filter((a) => a === 'read') : all;
}

export function presentTask(actor: Actor, details: TaskDetails, workspace: WorkspaceRow, person: (id: string | null) => PersonRef) {
  const t: TaskRow = details.task;
  return {
    id: t.id,
    workspaceId: t.workspace_id,
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    dueOn: t.due_on,
    visibility: t.visibility,
    assignees: details.assigneeIds.map((id) => person(id)).filter((p): p is NonNullable<PersonRef> => p !== null),
    checklist: details.checklist.map((i) => ({ id: i.id, text: i.text, done: i.done === 1, doneBy: person(i.done_by), doneAt: i.done_at })),
    attachments: details.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size,
      attachedBy: person(a.attached_by),
      attachedAt: a.attached_at,
    })),
    createdBy: person(t.created_by),
    updatedBy: person(t.updated_by),
    completedBy: person(t.completed_by),
    completedAt: t.completed_at,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    abilities: taskAbilities(actor, details, workspace),
  };
}

export const taskEtag = (t: Pick<TaskRow, 'id' | 'version'>) => `"${t.id}.${t.version}"`;

/** Everyone a task mentions. */
export const peopleOf = (d: TaskDetails) => [
  ...d.assigneeIds,
  d.task.created_by,
  d.task.updated_by,
  d.task.completed_by,
  ...d.checklist.map((i) => i.done_by),
  ...d.attachments.map((a) => a.attached_by),
];
