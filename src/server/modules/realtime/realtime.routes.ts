import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { extranetClosedTo } from '../../authz/actor.js';
import { loadRules } from '../../authz/actor-loader.js';
import { requireUser } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { extranetClosed } from '../../http/problems.js';
import { problems } from '../../http/schemas.js';
import { unreadCount } from '../notifications/notifications.service.js';
import { StreamConnection } from './stream-connection.js';
import { StreamRegistry } from './stream-registry.js';

const EventStream = Type.Unsafe<unknown>({
  type: 'string',
  description:
    'Server-Sent Events: `ready` {unread}, `notifications` {unread}, `change` {workspaceId, action, item: {type, id}}, `access` {} then the stream ends, `replaced` {} (more than ten streams of one person: the oldest ends), `resync` {} (changes may have been missed: fetch again), and a `: keep-alive` comment every 25 s',
});

export const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  // nginx would otherwise hold the events back until its buffer fills.
  'x-accel-buffering': 'no',
} as const;

/** `registry`: the streams of this app and its one bus subscription (a test may pass its own limits). */
export function realtimeRoutes(ctx: AppContext, registry = new StreamRegistry(ctx)): FastifyPluginAsyncTypebox {
  return async (app) => {
    // preClose, not onClose: the server waits for open responses before onClose hooks run.
    app.addHook('preClose', async () => registry.close());

    app.get(
      '/me/stream',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notifications'],
          summary:
            'My real-time events: new notifications, and changes to what I may see (a task, a document in a folder), as Server-Sent Events',
          response: {
            200: { description: 'An event stream that stays open', content: { 'text/event-stream': { schema: EventStream } } },
            ...problems(401, 403),
          },
        },
      },
      async (request, reply) => {
        const actor = requireUser(request.actor);
        reply.headers(STREAM_HEADERS);
        if (request.method === 'HEAD') return reply.send();
        const connection = new StreamConnection(actor);
        // The client going away (tab closed, network lost) ends the stream and everything it holds.
        reply.raw.once('close', () => connection.close());
        // Registered before the count is read: what happens meanwhile waits behind `ready`, never lost.
        registry.add(connection);
        let unread: number;
        try {
          // The extranet may have been switched off since this request began, and its closing message
          // handed out before this stream was registered: ask again now that it is.
          if (actor.kind === 'guest' && extranetClosedTo(actor, await loadRules(ctx.db))) throw extranetClosed();
          unread = await unreadCount(ctx.db, actor);
        } catch (error) {
          connection.close();
          throw error;
        }
        connection.open('ready', { unread });
        return reply.send(connection.body);
      },
    );
  };
}
