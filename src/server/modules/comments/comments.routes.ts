import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { COMMENT_LIMITS, type CommentTargetType } from '../../../shared/comments.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, ListQuerySchema, listOf, problems } from '../../http/schemas.js';
import { CommentSchema, MentionableSchema } from './comments.presenter.js';
import { createComment, deleteComment, listComments, listMentionable, updateComment } from './comments.service.js';

const Params = Type.Object({ id: IdSchema });
const Body = Type.String({ minLength: 1, maxLength: COMMENT_LIMITS.body, description: 'Markdown' });
const MentionIds = Type.Array(IdSchema, {
  maxItems: COMMENT_LIMITS.mentions,
  description: 'People to mention: each one someone the `mentionable` picker of the item offers',
});
const CommentBody = Type.Object({ body: Body, mentionIds: Type.Optional(MentionIds) });

/** Each kind of item and its path segment. */
const TARGETS: readonly (readonly [CommentTargetType, string])[] = [
  ['task', 'tasks'],
  ['note', 'notes'],
  ['activity', 'activities'],
  ['document', 'documents'],
];

export function commentsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const [type, segment] of TARGETS) {
      app.get(
        `/${segment}/:id/comments`,
        {
          config: { access: 'user' },
          schema: {
            tags: ['Comments'],
            summary: `The comments on a ${type}, oldest first (whoever sees the ${type} reads them)`,
            params: Params,
            querystring: ListQuerySchema,
            response: { 200: listOf(CommentSchema), ...problems(400, 401, 404) },
          },
        },
        async (request) => listComments(ctx, request.actor, type, request.params.id, request.query),
      );

      app.post(
        `/${segment}/:id/comments`,
        {
          config: { access: 'user' },
          schema: {
            tags: ['Comments'],
            summary: `Comment on a ${type}, mentioning people who see it (employees; guests where the workspace lets them comment)`,
            params: Params,
            body: CommentBody,
            response: { 201: CommentSchema, ...problems(400, 401, 403, 404, 409) },
          },
        },
        async (request, reply) => {
          const comment = await createComment(ctx, request.actor, type, request.params.id, request.body, requestMeta(request));
          return reply.code(201).send(comment);
        },
      );

      app.get(
        `/${segment}/:id/mentionable`,
        {
          config: { access: 'user' },
          schema: {
            tags: ['Comments'],
            summary: `The mention picker: members of the ${type}'s workspace I may see who see the ${type}, by name or e-mail (at most ${COMMENT_LIMITS.picker})`,
            params: Params,
            querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }),
            response: { 200: Type.Object({ items: Type.Array(MentionableSchema) }), ...problems(400, 401, 403, 404) },
          },
        },
        async (request) => listMentionable(ctx, request.actor, type, request.params.id, request.query.q),
      );
    }

    app.patch(
      '/comments/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Comments'],
          summary: 'Change my comment; without `mentionIds` the mentions stay as they were',
          params: Params,
          body: CommentBody,
          response: { 200: CommentSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateComment(ctx, request.actor, request.params.id, request.body, requestMeta(request)),
    );

    app.delete(
      '/comments/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Comments'],
          summary: 'Delete a comment (its author, or a manager of the workspace)',
          params: Params,
          response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await deleteComment(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
}
