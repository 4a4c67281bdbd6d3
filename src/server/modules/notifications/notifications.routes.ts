import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NOTIFICATION_KINDS } from '../../../shared/notifications.js';
import { requireUser } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { IdSchema, Nullable, problems, TimestampSchema } from '../../http/schemas.js';
import { PersonRefSchema } from '../directory/person-ref.js';
import { WorkspaceRefSchema } from '../workspaces/workspaces.presenter.js';
import { folderWatch, setFolderWatch } from './folder-watch.service.js';
import { listNotifications, markAllRead, markNotification, unreadCount } from './notifications.service.js';

const NotificationSchema = Type.Object({
  id: IdSchema,
  kind: Type.Enum(NOTIFICATION_KINDS),
  title: Type.String({ description: 'The item (or workspace) as the reader could see it when it happened' }),
  workspace: Nullable(WorkspaceRefSchema),
  target: Nullable(Type.Object({ type: Type.String(), id: IdSchema })),
  actor: Nullable(PersonRefSchema),
  createdAt: TimestampSchema,
  readAt: Nullable(TimestampSchema),
  path: Type.String({ description: 'Where the item opens in the web UI, below the public URL' }),
  details: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The event (`action`) and a few facts: dueOn, expiresAt, remark, status, startsAt',
  }),
});
const Unread = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
const Params = Type.Object({ id: IdSchema });
const Watch = Type.Object({ watching: Type.Boolean() });

export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me/notifications',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notifications'],
          summary: 'My notifications, newest first, with the number still unread',
          querystring: Type.Object({
            unread: Type.Optional(Type.Boolean({ description: 'Only those not read yet' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 512 })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(NotificationSchema),
              nextCursor: Nullable(Type.String()),
              unread: Type.Integer({ minimum: 0 }),
            }),
            ...problems(400, 401),
          },
        },
      },
      async (request) => listNotifications(ctx, request.actor, request.query),
    );

    app.get(
      '/me/notifications/unread-count',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notifications'],
          summary: 'How many of my notifications are unread',
          response: { 200: Unread, ...problems(401) },
        },
      },
      async (request) => ({ unread: await unreadCount(ctx.db, requireUser(request.actor)) }),
    );

    for (const [verb, read] of [
      ['read', true],
      ['unread', false],
    ] as const) {
      app.post(
        `/me/notifications/:id/${verb}`,
        {
          config: { access: 'user' },
          schema: {
            tags: ['Notifications'],
            summary: read ? 'Mark one of my notifications read' : 'Mark one of my notifications unread again',
            params: Params,
            response: { 204: Type.Null(), ...problems(401, 404) },
          },
        },
        async (request, reply) => {
          await markNotification(ctx, request.actor, request.params.id, read);
          return reply.code(204).send(null);
        },
      );
    }

    app.post(
      '/me/notifications/read-all',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notifications'],
          summary: 'Mark all my notifications read',
          response: { 200: Type.Object({ updated: Type.Integer({ minimum: 0 }) }), ...problems(401) },
        },
      },
      async (request) => markAllRead(ctx, request.actor),
    );

    app.get(
      '/folders/:id/watch',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notifications'],
          summary: 'Whether I am notified of documents uploaded into this folder',
          params: Params,
          response: { 200: Watch, ...problems(401, 404) },
        },
      },
      async (request) => folderWatch(ctx, request.actor, request.params.id),
    );

    for (const [method, watching] of [
      ['put', true],
      ['delete', false],
    ] as const) {
      app[method](
        '/folders/:id/watch',
        {
          config: { access: 'user' },
          schema: {
            tags: ['Notifications'],
            summary: watching ? 'Watch a folder: be notified of documents uploaded into it' : 'Stop watching a folder',
            params: Params,
            response: { 200: Watch, ...problems(401, 404) },
          },
        },
        async (request) => setFolderWatch(ctx, request.actor, request.params.id, watching),
      );
    }
  };
}
