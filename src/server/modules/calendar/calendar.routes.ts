import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { problems } from '../../http/schemas.js';
import { calendarFeed, myCalendar, regenerateCalendar } from './calendar.service.js';

const FeedUrl = Type.Object({
  feedUrl: Type.String({ description: 'Secret iCalendar URL on the public URL; anyone holding it can read the feed' }),
});
const Ics = Type.Unsafe<string>({ type: 'string', description: 'text/calendar (RFC 5545)' });

export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me/calendar',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Calendar'],
          summary: 'The secret URL of my calendar feed (ICS): my planned activities and the due dates of my open tasks',
          response: { 200: FeedUrl, ...problems(401, 403) },
        },
      },
      async (request) => myCalendar(ctx, request.actor),
    );

    app.post(
      '/me/calendar/regenerate',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Calendar'],
          summary: 'A new secret URL for my calendar feed; the old URL stops working at once',
          response: { 200: FeedUrl, ...problems(401, 403) },
        },
      },
      async (request) => regenerateCalendar(ctx, request.actor, requestMeta(request)),
    );

    // Calendar apps subscribe without a cookie: the secret in the path is the only credential.
    app.get(
      '/calendar/:token',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Calendar'],
          summary: 'A calendar feed (text/calendar), by the secret token of its URL; a trailing `.ics` is optional',
          params: Type.Object({ token: Type.String() }),
          response: { 200: Ics, ...problems(404, 429) },
        },
      },
      async (request, reply) => {
        const body = await calendarFeed(ctx, request.params.token, requestMeta(request));
        return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
      },
    );
  };
}
