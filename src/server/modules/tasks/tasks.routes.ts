import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { TASK_LIMITS, TASK_PRIORITIES, TASK_STATUSES, TASK_VISIBILITIES } from '../../../shared/tasks.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { Changes, IdSchema, Nullable, problems } from '../../http/schemas.js';
import { WorkspaceRefSchema } from '../workspaces/workspaces.presenter.js';
import { attachDocument, detachDocument } from './task-attachments.service.js';
import { DateSchema, TaskSchema } from './tasks.presenter.js';
import { createTask, getTask, listTasks, myTasks, tickItem, updateTask } from './tasks.service.js';

const Params = Type.Object({ id: IdSchema });
const Title = Type.String({ minLength: 1, maxLength: TASK_LIMITS.title, pattern: '\\S' });
const Description = Type.String({ maxLength: TASK_LIMITS.description });
const Assignees = Type.Array(IdSchema, { maxItems: TASK_LIMITS.assignees });
const ItemText = Type.String({ minLength: 1, maxLength: TASK_LIMITS.checklistText });

export function tasksRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/workspaces/:id/tasks',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Tasks'],
          summary: 'Create a task (employees; guests where the workspace lets them, shared tasks only)',
          params: Params,
          body: Type.Object({
            title: Title,
            description: Type.Optional(Description),
            priority: Type.Optional(Type.Enum(TASK_PRIORITIES)),
            dueOn: Type.Optional(Nullable(DateSchema)),
            visibility: Type.Optional(Type.Enum(TASK_VISIBILITIES)),
            assigneeIds: Type.Optional(Assignees),
            checklist: Type.Optional(Type.Array(Type.Object({ text: ItemText }), { maxItems: TASK_LIMITS.checklistItems })),
          }),
          response: { 201: TaskSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { task, etag } = await createTask(ctx, request.actor, request.params.id, request.body, requestMeta(request));
        return reply.code(201).header('etag', etag).send(task);
      },
    );

    app.get(
      '/workspaces/:id/tasks',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Tasks'],
          summary: "The workspace's tasks I may see, filtered by status and assignee, sorted by due date, creation or title",
          params: Params,
          querystring: Type.Object({
            status: Type.Optional(Type.Array(Type.Enum(TASK_STATUSES), { maxItems: 4 })),
            assigneeId: Type.Optional(IdSchema),
            sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('created'), Type.Literal('title')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(TaskSchema) }), ...problems(400, 401, 404) },
        },
      },
      async (request) => listTasks(ctx, request.actor, request.params.id, request.query),
    );

    app.get(
      '/tasks/:id',
      {
        config: { access: 'user' },
        schema: { tags: ['Tasks'], summary: 'One task', params: Params, response: { 200: TaskSchema, ...problems(401, 404) } },
      },
      async (request, reply) => {
        const { task, etag } = await getTask(ctx, request.actor, request.params.id);
        return reply.header('etag', etag).send(task);
      },
    );

    app.patch(
      '/tasks/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Tasks'],
          summary: 'Change a task; the status alone may be changed by its assigned guests; `If-Match` guards against lost updates',
          params: Params,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) }),
          body: Type.Object(
            {
              title: Type.Optional(Title),
              description: Type.Optional(Description),
              priority: Type.Optional(Type.Enum(TASK_PRIORITIES)),
              dueOn: Type.Optional(Nullable(DateSchema)),
              visibility: Type.Optional(Type.Enum(TASK_VISIBILITIES)),
              status: Type.Optional(Type.Enum(TASK_STATUSES)),
              assigneeIds: Type.Optional(Assignees),
              checklist: Type.Optional(
                Type.Array(Type.Object({ id: Type.Optional(IdSchema), text: ItemText }), { maxItems: TASK_LIMITS.checklistItems }),
              ),
            },
            Changes,
          ),
          response: { 200: TaskSchema, ...problems(400, 401, 403, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const { task, etag } = await updateTask(
          ctx,
          request.actor,
          request.params.id,
          request.body,
          request.headers['if-match'],
          requestMeta(request),
        );
        return reply.header('etag', etag).send(task);
      },
    );

    app.patch(
      '/tasks/:id/checklist/:itemId',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Tasks'],
          summary: 'Tick or untick a checklist item (assigned guests may)',
          params: Type.Object({ id: IdSchema, itemId: IdSchema }),
          body: Type.Object({ done: Type.Boolean() }),
          response: { 200: TaskSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { task, etag } = await tickItem(
          ctx,
          request.actor,
          request.params.id,
          request.params.itemId,
          request.body.done,
          requestMeta(request),
        );
        return reply.header('etag', etag).send(task);
      },
    );

    app.post(
      '/tasks/:id/attachments',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Tasks'],
          summary: "Attach a document of the task's workspace (those who may change the task, with a document they can read)",
          params: Params,
          body: Type.Object({ documentId: IdSchema }),
          response: { 200: TaskSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { task, etag } = await attachDocument(ctx, request.actor, request.params.id, request.body.documentId, requestMeta(request));
        return reply.header('etag', etag).send(task);
      },
    );

    app.delete(
      '/tasks/:id/attachments/:documentId',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Tasks'],
          summary: 'Take a document off the task (the document stays in its folder)',
          params: Type.Object({ id: IdSchema, documentId: IdSchema }),
          response: { 200: TaskSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { task, etag } = await detachDocument(ctx, request.actor, request.params.id, request.params.documentId, requestMeta(request));
        return reply.header('etag', etag).send(task);
      },
    );

    app.get(
      '/me/tasks',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Tasks'],
          summary: 'My open tasks across my workspaces, by due date, each in its group (overdue, this week, later, no date) for `today`',
          querystring: Type.Object({
            workspaceId: Type.Optional(IdSchema),
            today: Type.Optional(Type.String({ maxLength: 10, description: "The reader's date, YYYY-MM-DD; default: today in UTC" })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  ...TaskSchema.properties,
                  workspace: WorkspaceRefSchema,
                  group: Type.Union([Type.Literal('overdue'), Type.Literal('this_week'), Type.Literal('later'), Type.Literal('no_date')]),
                }),
              ),
              nextCursor: Nullable(Type.String()),
            }),
            ...problems(400, 401),
          },
        },
      },
      async (request) => myTasks(ctx, request.actor, request.query),
    );
  };
}
