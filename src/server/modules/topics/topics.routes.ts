import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../../../shared/workspaces.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, listOf, problems } from '../../http/schemas.js';
import { TopicSchema } from './topics.presenter.js';
import { createTopic, listAllTopics, removeTopic, updateTopic } from './topics.service.js';

const TopicInputSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: LIMITS.topicName, pattern: '\\S', description: 'Unique, whatever its case' }),
});
const Params = Type.Object({ id: IdSchema });
const TAGS = ['Extranet'];

export function topicsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/topics',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Every topic workspaces are filed under, by name (employees)',
          response: { 200: listOf(TopicSchema), ...problems(401, 403) },
        },
      },
      async (request) => listAllTopics(ctx, request.actor),
    );

    app.post(
      '/topics',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Create a topic (administrators, extranet administrators)',
          body: TopicInputSchema,
          response: { 201: TopicSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createTopic(ctx, request.actor, request.body, requestMeta(request))),
    );

    app.patch(
      '/topics/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Rename a topic (administrators, extranet administrators)',
          params: Params,
          body: TopicInputSchema,
          response: { 200: TopicSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateTopic(ctx, request.actor, request.params.id, request.body, requestMeta(request)),
    );

    app.delete(
      '/topics/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Delete a topic; its workspaces keep no topic',
          params: Params,
          response: { 204: Type.Null(), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await removeTopic(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
}
