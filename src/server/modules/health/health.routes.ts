import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { migrationsAreCurrent } from '../../db/migrator.js';
import { HttpProblem } from '../../http/problems.js';
import { problems } from '../../http/schemas.js';

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Operations'],
          summary: 'The process is alive',
          security: [],
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Operations'],
          summary: 'The database answers and its migrations are current',
          security: [],
          response: { 200: Type.Object({ status: Type.Literal('ready') }), ...problems(503) },
        },
      },
      async () => {
        const notReady = (detail: string) => new HttpProblem(503, 'Service Unavailable', detail);
        try {
          await sql`select 1`.execute(ctx.db);
        } catch {
          throw notReady('The database does not answer.');
        }
        if (!(await migrationsAreCurrent(ctx.db as never))) throw notReady('Database migrations are pending.');
        return { status: 'ready' as const };
      },
    );
  };
}
