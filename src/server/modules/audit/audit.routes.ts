import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, ListQuerySchema, problems, TimestampSchema } from '../../http/schemas.js';
import { AuditPageSchema } from './audit.presenter.js';
import { AUDIT_EXPORT_FORMATS, assertExportable, exportAudit, listAudit } from './audit.service.js';

const ActionSchema = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z0-9_.]*[a-z0-9_.*]$',
  description: 'An action (`member.added`), or every action starting with it when it ends with `.` or `*` (`invitation.`)',
});

const AuditQuerySchema = Type.Intersect([
  ListQuerySchema,
  Type.Object({
    actorId: Type.Optional(IdSchema),
    workspaceId: Type.Optional(IdSchema),
    action: Type.Optional(ActionSchema),
    from: Type.Optional({ ...TimestampSchema, description: 'Entries at or after this instant' }),
    to: Type.Optional({ ...TimestampSchema, description: 'Entries before this instant (later than `from`)' }),
    format: Type.Optional(
      Type.Enum(AUDIT_EXPORT_FORMATS, { description: 'Download every matching entry (no pages) as CSV or as a JSON array' }),
    ),
  }),
]);

const Download = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'With `format`: the CSV file or JSON array' });

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Audit'],
          summary:
            'The audit log, newest first, filtered by person, workspace, action and time (administrators everything; extranet administrators every workspace’s entries; managers their workspaces’); `format=csv|json` downloads every match',
          querystring: AuditQuerySchema,
          response: {
            200: {
              description: 'A page of entries; with `format`, a download (attachment) streamed as it is read',
              content: { 'application/json': { schema: AuditPageSchema }, 'text/csv': { schema: Download } },
            },
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        if (!format) return listAudit(ctx, request.actor, query);
        // HEAD asks what a download would be; only a real download is an export worth recording.
        if (request.method === 'HEAD') {
          await assertExportable(ctx, request.actor, query);
          return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8').send();
        }
        const download = await exportAudit(ctx, request.actor, query, format, requestMeta(request));
        return reply
          .type(download.contentType)
          .header('content-disposition', `attachment; filename="${download.filename}"`)
          .send(download.body);
      },
    );
  };
}
