import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ACTIVITY_LIMITS, ACTIVITY_STATUSES, ACTIVITY_VISIBILITIES } from '../../../shared/activities.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { Changes, IdSchema, Nullable, problems } from '../../http/schemas.js';
import { WorkspaceRefSchema } from '../workspaces/workspaces.presenter.js';
import { ActivitySchema } from './activities.presenter.js';
import { createActivity, getActivity, listActivities, myActivities, reportActivity, updateActivity } from './activities.service.js';

const Params = Type.Object({ id: IdSchema });
const Title = Type.String({ minLength: 1, maxLength: ACTIVITY_LIMITS.title, pattern: '\\S' });
const Description = Type.String({ maxLength: ACTIVITY_LIMITS.description });
const Location = Type.String({ maxLength: ACTIVITY_LIMITS.location });
const Attendees = Type.Array(IdSchema, { maxItems: ACTIVITY_LIMITS.attendees });
const Zone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the organizer, e.g. Europe/Paris' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with an offset; kept in UTC' });
const Window = {
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Activities still running at or after this instant' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Activities starting before this instant' })),
  status: Type.Optional(Type.Array(Type.Enum(ACTIVITY_STATUSES), { maxItems: 4 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
};
const Reply = { 200: ActivitySchema, ...problems(400, 401, 403, 404, 409) };

export function activitiesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/workspaces/:id/activities',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Planned activities'],
          summary: "Plan an activity (the workspace's employees): start and end in the organizer's time zone, attendees among the members",
          params: Params,
          body: Type.Object({
            title: Title,
            description: Type.Optional(Description),
            location: Type.Optional(Location),
            startsAt: Instant,
            endsAt: Instant,
            timeZone: Type.Optional(Zone),
            visibility: Type.Optional(Type.Enum(ACTIVITY_VISIBILITIES)),
            attendeeIds: Type.Optional(Attendees),
          }),
          response: { 201: ActivitySchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { activity, etag } = await createActivity(ctx, request.actor, request.params.id, request.body, requestMeta(request));
        return reply.code(201).header('etag', etag).send(activity);
      },
    );

    app.get(
      '/workspaces/:id/activities',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Planned activities'],
          summary: "The workspace's activities I may see, by start, optionally within a time window",
          params: Params,
          querystring: Type.Object(Window),
          response: { 200: Type.Object({ items: Type.Array(ActivitySchema) }), ...problems(400, 401, 404) },
        },
      },
      async (request) => listActivities(ctx, request.actor, request.params.id, request.query),
    );

    app.get(
      '/activities/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Planned activities'],
          summary: 'One activity',
          params: Params,
          response: { 200: ActivitySchema, ...problems(401, 404) },
        },
      },
      async (request, reply) => {
        const { activity, etag } = await getActivity(ctx, request.actor, request.params.id);
        return reply.header('etag', etag).send(activity);
      },
    );

    app.patch(
      '/activities/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Planned activities'],
          summary: 'Change an activity, its status included (employees); `If-Match` guards against lost updates',
          params: Params,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) }),
          body: Type.Object(
            {
              title: Type.Optional(Title),
              description: Type.Optional(Description),
              location: Type.Optional(Location),
              startsAt: Type.Optional(Instant),
              endsAt: Type.Optional(Instant),
              timeZone: Type.Optional(Zone),
              visibility: Type.Optional(Type.Enum(ACTIVITY_VISIBILITIES)),
              status: Type.Optional(Type.Enum(ACTIVITY_STATUSES)),
              attendeeIds: Type.Optional(Attendees),
            },
            Changes,
          ),
          response: { ...Reply, ...problems(412) },
        },
      },
      async (request, reply) => {
        const { activity, etag } = await updateActivity(
          ctx,
          request.actor,
          request.params.id,
          request.body,
          request.headers['if-match'],
          requestMeta(request),
        );
        return reply.header('etag', etag).send(activity);
      },
    );

    app.post(
      '/activities/:id/confirm',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Planned activities'],
          summary: 'Confirm the activity will take place (employees and attending guests)',
          params: Params,
          response: Reply,
        },
      },
      async (request, reply) => {
        const { activity, etag } = await reportActivity(ctx, request.actor, request.params.id, 'confirm', undefined, requestMeta(request));
        return reply.header('etag', etag).send(activity);
      },
    );

    app.post(
      '/activities/:id/done',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Planned activities'],
          summary: 'Report the activity done, with a short remark (employees and attending guests)',
          params: Params,
          body: Type.Object({ remark: Type.Optional(Type.String({ maxLength: ACTIVITY_LIMITS.remark })) }),
          response: Reply,
        },
      },
      async (request, reply) => {
        const { activity, etag } = await reportActivity(
          ctx,
          request.actor,
          request.params.id,
          'complete',
          request.body?.remark,
          requestMeta(request),
        );
        return reply.header('etag', etag).send(activity);
      },
    );

    app.get(
      '/me/activities',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Planned activities'],
          summary: 'Planned activities across my workspaces, upcoming first (from now unless `from` says otherwise)',
          querystring: Type.Object({
            ...Window,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            workspaceId: Type.Optional(IdSchema),
            attending: Type.Optional(Type.Boolean({ description: 'Only those I attend' })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ ...ActivitySchema.properties, workspace: WorkspaceRefSchema })),
              nextCursor: Nullable(Type.String()),
            }),
            ...problems(400, 401),
          },
        },
      },
      async (request) => myActivities(ctx, request.actor, request.query),
    );
  };
}
