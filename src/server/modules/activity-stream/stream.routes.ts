import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { IdSchema, Nullable, problems, TimestampSchema } from '../../http/schemas.js';
import { PersonRefSchema } from '../directory/person-ref.js';
import { STREAM_KINDS, workspaceStream } from './stream.service.js';

const StreamItemSchema = Type.Object({
  id: IdSchema,
  at: TimestampSchema,
  actor: Nullable(PersonRefSchema),
  action: Type.Enum(STREAM_KINDS),
  target: Nullable(
    Type.Object({
      type: Type.Union([
        Type.Literal('task'),
        Type.Literal('note'),
        Type.Literal('activity'),
        Type.Literal('document'),
        Type.Literal('folder'),
      ]),
      id: IdSchema,
      title: Type.String({ description: "The item's current title or name" }),
      via: Type.Optional(Type.Literal('comment', { description: 'The event is a comment on this item' })),
    }),
  ),
});

export function activityStreamRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/workspaces/:id/activity-stream',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Workspaces'],
          summary: 'What changed in the workspace, newest first, as far as I may see the items concerned',
          params: Type.Object({ id: IdSchema }),
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
          }),
          response: {
            200: Type.Object({ items: Type.Array(StreamItemSchema), nextCursor: Nullable(Type.String()) }),
            ...problems(400, 401, 404),
          },
        },
      },
      async (request) => workspaceStream(ctx, request.actor, request.params.id, request.query),
    );
  };
}
