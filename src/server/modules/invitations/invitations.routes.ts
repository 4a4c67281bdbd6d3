import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS, MEMBER_ROLES } from '../../../shared/workspaces.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { EmailSchema, IdSchema, listOf, NameSchema, PasswordSchema, problems, TimestampSchema } from '../../http/schemas.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { MeSchema } from '../users/users.presenter.js';
import { acceptInvitation, previewInvitation } from './acceptance.service.js';
import { InvitationSchema } from './invitations.presenter.js';
import { changeInvitation, createInvitation, listAwaitingApproval, listInvitations } from './invitations.service.js';

const WorkspaceParams = Type.Object({ id: IdSchema });
const InvitationParams = Type.Object({ id: IdSchema, invitationId: IdSchema });
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export function invitationsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/workspaces/:id/invitations',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Invitations'],
          summary: 'Invite someone by e-mail; sent at once, or after approval when the policy asks for it',
          params: WorkspaceParams,
          body: Type.Object({
            email: EmailSchema,
            role: Type.Enum(MEMBER_ROLES),
            expiresAt: Type.Optional(Type.Union([TimestampSchema, Type.Null()])),
            message: Type.Optional(Type.String({ maxLength: LIMITS.message })),
            externalOrganizationId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
          }),
          response: { 201: InvitationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createInvitation(ctx, request.actor, request.params.id, request.body, requestMeta(request))),
    );

    app.get(
      '/workspaces/:id/invitations',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Invitations'],
          summary: "A workspace's invitations with their status, newest first",
          params: WorkspaceParams,
          response: { 200: listOf(InvitationSchema), ...problems(401, 403, 404) },
        },
      },
      async (request) => listInvitations(ctx, request.actor, request.params.id),
    );

    for (const verb of ['resend', 'revoke', 'approve', 'reject'] as const) {
      app.post(
        `/workspaces/:id/invitations/:invitationId/${verb}`,
        {
          config: { access: 'user' },
          schema: {
            tags: ['Invitations'],
            summary: {
              resend: 'Send the invitation again: the same link, valid for a new period',
              revoke: 'Revoke the invitation: its link stops working',
              approve: 'Approve an invitation waiting for approval (extranet administrators); it is sent',
              reject: 'Reject an invitation waiting for approval, with a reason (extranet administrators)',
            }[verb],
            params: InvitationParams,
            ...(verb === 'reject' ? { body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: LIMITS.reason }) }) } : {}),
            response: { 200: InvitationSchema, ...problems(400, 401, 403, 404, 409) },
          },
        },
        async (request) => {
          const reason = (request.body as { reason?: string } | undefined)?.reason;
          const { id, invitationId } = request.params;
          return changeInvitation(ctx, request.actor, id, invitationId, verb, requestMeta(request), reason);
        },
      );
    }

    app.get(
      '/invitations',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Invitations'],
          summary: 'The approval queue: invitations waiting for an extranet administrator',
          querystring: Type.Object({ status: Type.Enum(['awaiting_approval']) }),
          response: { 200: listOf(InvitationSchema), ...problems(400, 401, 403) },
        },
      },
      async (request) => listAwaitingApproval(ctx, request.actor),
    );

    app.get(
      '/invitations/:token',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Invitations'],
          summary: 'What an invitee sees before accepting: workspace, inviter, organization, e-mail',
          security: [],
          params: TokenParams,
          response: {
            200: Type.Object({
              email: Type.String(),
              workspaceName: Type.String(),
              inviterName: Type.String(),
              organizationName: Type.String(),
            }),
            ...problems(403, 404, 429),
          },
        },
      },
      async (request) => previewInvitation(ctx, request.params.token, requestMeta(request)),
    );

    app.post(
      '/invitations/:token/accept',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Invitations'],
          summary: 'Accept: a newcomer sets name and password; a signed-in invitee sends an empty body',
          security: [],
          params: TokenParams,
          body: Type.Object({ name: Type.Optional(NameSchema), password: Type.Optional(PasswordSchema) }),
          response: { 200: Type.Object({ user: MeSchema, workspaceId: IdSchema }), ...problems(400, 403, 404, 409, 429) },
        },
      },
      async (request, reply) => {
        const { secret, user, workspaceId } = await acceptInvitation(
          ctx,
          request.actor,
          request.params.token,
          request.body ?? {},
          requestMeta(request),
        );
        if (secret) setSessionCookie(ctx.config, reply, secret);
        return { user, workspaceId };
      },
    );
  };
}
