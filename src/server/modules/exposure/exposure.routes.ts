import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { USER_STATUSES } from '../../../shared/accounts.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, ListQuerySchema, listOf, problems, TimestampSchema } from '../../http/schemas.js';
import { InvitationSchema } from '../invitations/invitations.presenter.js';
import { ExposedGuestSchema, ExposureSummarySchema } from './exposure.presenter.js';
import {
  DEFAULT_ENDING_WITHIN_DAYS,
  DEFAULT_INACTIVE_DAYS,
  exposureSummary,
  extendMemberships,
  listExposedGuests,
  listExposedInvitations,
  MAX_BULK_ITEMS,
  revokeMemberships,
} from './exposure.service.js';

const Days = (description: string) => Type.Integer({ minimum: 1, maximum: 3650, description });

const MembershipItems = Type.Array(Type.Object({ workspaceId: IdSchema, userId: IdSchema }, { additionalProperties: false }), {
  minItems: 1,
  maxItems: MAX_BULK_ITEMS,
});

/** The exposure dashboard (administrators and extranet administrators): see docs/exposure.md. */
export function exposureRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/exposure/summary',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Exposure'],
          summary: 'Guest seats, guests, pending and expired invitations, inactive guests, memberships ending soon',
          querystring: Type.Object({
            inactiveDays: Type.Optional(Days(`No sign-in for this many days (default ${DEFAULT_INACTIVE_DAYS})`)),
            endingWithinDays: Type.Optional(Days(`Memberships ending within this many days (default ${DEFAULT_ENDING_WITHIN_DAYS})`)),
          }),
          response: { 200: ExposureSummarySchema, ...problems(400, 401, 403) },
        },
      },
      async (request) => exposureSummary(ctx, request.actor, request.query),
    );

    app.get(
      '/exposure/guests',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Exposure'],
          summary: 'Every guest account with their workspaces, sponsors and end dates, by name',
          querystring: Type.Intersect([
            ListQuerySchema,
            Type.Object({
              q: Type.Optional(Type.String({ maxLength: 200, description: 'Searches name and e-mail' })),
              organizationId: Type.Optional(IdSchema),
              status: Type.Optional(Type.Enum(USER_STATUSES)),
              inactiveDays: Type.Optional(Days('Only guests with no sign-in for this many days, or never')),
              endingWithinDays: Type.Optional(Days('Only guests with an active membership ending within this many days')),
            }),
          ]),
          response: { 200: listOf(ExposedGuestSchema), ...problems(400, 401, 403) },
        },
      },
      async (request) => listExposedGuests(ctx, request.actor, request.query),
    );

    app.get(
      '/exposure/invitations',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Exposure'],
          summary: 'Pending and expired invitations of every workspace, newest first',
          querystring: Type.Intersect([
            ListQuerySchema,
            Type.Object({
              status: Type.Optional(
                Type.Enum(['pending', 'expired'], {
                  description: 'pending: awaiting approval or sent with a valid link; expired: the link ran out. Both when absent',
                }),
              ),
            }),
          ]),
          response: { 200: listOf(InvitationSchema), ...problems(400, 401, 403) },
        },
      },
      async (request) => listExposedInvitations(ctx, request.actor, request.query),
    );

    app.post(
      '/exposure/memberships/revoke',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Exposure'],
          summary: `End up to ${MAX_BULK_ITEMS} guest memberships at once, all or nothing (like removing each member)`,
          body: Type.Object({ items: MembershipItems }),
          response: {
            200: Type.Object({
              revoked: Type.Integer(),
              suspended: Type.Integer({ description: 'Guests suspended because their last workspace ended' }),
            }),
            ...problems(400, 401, 403, 409),
          },
        },
      },
      async (request) => revokeMemberships(ctx, request.actor, request.body.items, requestMeta(request)),
    );

    app.post(
      '/exposure/memberships/extend',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Exposure'],
          summary: `Set one end date on up to ${MAX_BULK_ITEMS} guest memberships at once, all or nothing (the member PATCH's rules)`,
          body: Type.Object({ items: MembershipItems, expiresAt: Type.Union([TimestampSchema, Type.Null()]) }),
          response: { 200: Type.Object({ extended: Type.Integer() }), ...problems(400, 401, 403, 409) },
        },
      },
      async (request) => extendMemberships(ctx, request.actor, request.body.items, request.body.expiresAt, requestMeta(request)),
    );
  };
}
