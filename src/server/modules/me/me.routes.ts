import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, listOf, NameSchema, problems } from '../../http/schemas.js';
import { MeSchema } from '../users/users.presenter.js';
import { ApiTokenSchema, createToken, listTokens, revokeToken } from './api-tokens.service.js';
import { getMe, updateMe } from './me.service.js';

export function meRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Profile'],
          summary: 'Who I am; `abilities` lists organization-wide permissions (users.manage, settings.manage)',
          response: { 200: MeSchema, ...problems(401) },
        },
      },
      async (request) => getMe(request.actor),
    );

    app.patch(
      '/me',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Profile'],
          summary: 'Change my name',
          body: Type.Object({ name: Type.Optional(NameSchema) }),
          response: { 200: MeSchema, ...problems(400, 401, 403) },
        },
      },
      async (request) => updateMe(ctx, request.actor, request.body, requestMeta(request)),
    );

    app.get(
      '/me/tokens',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Profile'],
          summary: 'My personal API tokens (never the secrets)',
          response: { 200: listOf(ApiTokenSchema), ...problems(401) },
        },
      },
      async (request) => listTokens(ctx, request.actor),
    );

    app.post(
      '/me/tokens',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Profile'],
          summary: 'Create a personal API token; the token is shown only in this answer',
          body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) }),
          response: { 201: Type.Intersect([ApiTokenSchema, Type.Object({ token: Type.String() })]), ...problems(400, 401, 403) },
        },
      },
      async (request, reply) => reply.code(201).send(await createToken(ctx, request.actor, request.body, requestMeta(request))),
    );

    app.delete(
      '/me/tokens/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Profile'],
          summary: 'Revoke one of my API tokens',
          params: Type.Object({ id: IdSchema }),
          response: { 204: Type.Null(), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await revokeToken(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
}
