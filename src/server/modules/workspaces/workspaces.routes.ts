import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FIELD_VISIBILITIES, LIMITS, WORKSPACE_STATUSES } from '../../../shared/workspaces.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, ListQuerySchema, listOf, problems } from '../../http/schemas.js';
import { WorkspaceSchema, WorkspaceSummarySchema } from './workspaces.presenter.js';
import { createWorkspace, getWorkspace, listWorkspaces, setArchived, updateWorkspace } from './workspaces.service.js';

const FieldInputSchema = Type.Object({
  label: Type.String({ minLength: 1, maxLength: LIMITS.fieldLabel }),
  value: Type.String({ maxLength: LIMITS.fieldValue }),
  visibility: Type.Enum(FIELD_VISIBILITIES),
});

const WorkspaceBody = {
  description: Type.Optional(Type.String({ maxLength: LIMITS.description })),
  topicId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  fields: Type.Optional(Type.Array(FieldInputSchema, { maxItems: LIMITS.fields })),
  guestSettings: Type.Optional(
    Type.Object({
      upload: Type.Optional(Type.Boolean()),
      createTasks: Type.Optional(Type.Boolean()),
      comment: Type.Optional(Type.Boolean()),
      seeMembers: Type.Optional(Type.Boolean()),
      invite: Type.Optional(Type.Boolean()),
    }),
  ),
};
const WorkspaceName = Type.String({ minLength: 1, maxLength: LIMITS.workspaceName, pattern: '\\S' });
const Params = Type.Object({ id: IdSchema });
const Headers = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) });

export function workspacesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/workspaces',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Workspaces'],
          summary: 'Create a workspace; the creator becomes its manager',
          body: Type.Object({ name: WorkspaceName, ...WorkspaceBody }),
          response: { 201: WorkspaceSchema, ...problems(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { workspace, etag } = await createWorkspace(ctx, request.actor, request.body, requestMeta(request));
        return reply.code(201).header('etag', etag).send(workspace);
      },
    );

    app.get(
      '/workspaces',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Workspaces'],
          summary: 'The workspaces I may enter, by name',
          querystring: Type.Intersect([
            ListQuerySchema,
            Type.Object({
              q: Type.Optional(Type.String({ maxLength: 200 })),
              status: Type.Optional(Type.Enum(WORKSPACE_STATUSES)),
              topicId: Type.Optional(IdSchema),
            }),
          ]),
          response: { 200: listOf(WorkspaceSummarySchema), ...problems(400, 401) },
        },
      },
      async (request) => listWorkspaces(ctx, request.actor, request.query),
    );

    app.get(
      '/workspaces/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Workspaces'],
          summary: 'One workspace',
          params: Params,
          response: { 200: WorkspaceSchema, ...problems(401, 404) },
        },
      },
      async (request, reply) => {
        const { workspace, etag } = await getWorkspace(ctx, request.actor, request.params.id);
        return reply.header('etag', etag).send(workspace);
      },
    );

    app.patch(
      '/workspaces/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Workspaces'],
          summary: 'Change a workspace (managers); a given `fields` list replaces the old one; `If-Match` guards against lost updates',
          params: Params,
          headers: Headers,
          body: Type.Object({ name: Type.Optional(WorkspaceName), ...WorkspaceBody }),
          response: { 200: WorkspaceSchema, ...problems(400, 401, 403, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const { workspace, etag } = await updateWorkspace(
          ctx,
          request.actor,
          request.params.id,
          request.body,
          request.headers['if-match'],
          requestMeta(request),
        );
        return reply.header('etag', etag).send(workspace);
      },
    );

    for (const [verb, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      app.post(
        `/workspaces/:id/${verb}`,
        {
          config: { access: 'user' },
          schema: {
            tags: ['Workspaces'],
            summary: archived ? 'Archive a workspace: read-only for everyone' : 'Restore an archived workspace',
            params: Params,
            response: { 200: WorkspaceSchema, ...problems(401, 403, 404, 409) },
          },
        },
        async (request, reply) => {
          const { workspace, etag } = await setArchived(ctx, request.actor, request.params.id, archived, requestMeta(request));
          return reply.header('etag', etag).send(workspace);
        },
      );
    }
  };
}
