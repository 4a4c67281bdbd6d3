import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MEMBER_ROLES } from '../../../shared/workspaces.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, listOf, problems, TimestampSchema } from '../../http/schemas.js';
import { MemberSchema } from './members.presenter.js';
import { listMembers, removeMember, updateMember } from './members.service.js';

const MemberParams = Type.Object({ id: IdSchema, userId: IdSchema });

export function membersRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/workspaces/:id/members',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Members'],
          summary: 'Members of a workspace (guests only where the workspace shows its members)',
          params: Type.Object({ id: IdSchema }),
          response: { 200: listOf(MemberSchema), ...problems(401, 403, 404) },
        },
      },
      async (request) => listMembers(ctx, request.actor, request.params.id),
    );

    app.patch(
      '/workspaces/:id/members/:userId',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Members'],
          summary: "Change a member's role or access end date (managers)",
          params: MemberParams,
          body: Type.Object({
            role: Type.Optional(Type.Enum(MEMBER_ROLES)),
            expiresAt: Type.Optional(Type.Union([TimestampSchema, Type.Null()])),
          }),
          response: { 200: MemberSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateMember(ctx, request.actor, request.params.id, request.params.userId, request.body, requestMeta(request)),
    );

    app.delete(
      '/workspaces/:id/members/:userId',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Members'],
          summary: 'Remove a member (managers); takes effect on their very next request',
          params: MemberParams,
          response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await removeMember(ctx, request.actor, request.params.id, request.params.userId, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
}
