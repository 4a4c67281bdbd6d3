import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { UPLOAD_CONFLICTS } from '../../../shared/documents.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, problems } from '../../http/schemas.js';
import { DocumentSchema } from './documents.presenter.js';
import { closingOnRefusal } from './receive-file.js';
import { uploadToFolder, uploadVersion } from './upload.service.js';

const Params = Type.Object({ id: IdSchema });

/**
 * The two routes that take a file. They live in a plugin of their own because the multipart
 * plugin's hooks run on every route of the scope it is registered in; every other route takes
 * JSON and answers a multipart body with 415.
 */
export function uploadRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Uploads are streamed by their handlers (request.parts()), never buffered. preservePath: a name
    // with a path in it is refused by the service, not silently cut to its last segment.
    await app.register(multipart, { preservePath: true, limits: { fileSize: ctx.config.maxUploadBytes, files: 1 } });

    app.post(
      '/folders/:id/documents',
      {
        config: { access: 'user', upload: true },
        schema: {
          tags: ['Documents'],
          summary: 'Upload a file (multipart, one part named "file"); the same name adds a version unless conflict=keep_both',
          params: Params,
          querystring: Type.Object({ conflict: Type.Optional(Type.Enum(UPLOAD_CONFLICTS, { default: 'version' })) }),
          response: { 201: DocumentSchema, ...problems(400, 401, 403, 404, 409, 413, 415, 422, 503, 507) },
        },
      },
      async (request, reply) => {
        const { document, etag } = await closingOnRefusal(request, reply, () =>
          uploadToFolder(ctx, request.actor, request.params.id, request, request.query.conflict ?? 'version', requestMeta(request)),
        );
        return reply.code(201).header('etag', etag).send(document);
      },
    );

    app.post(
      '/documents/:id/versions',
      {
        config: { access: 'user', upload: true },
        schema: {
          tags: ['Documents'],
          summary: 'Upload a new version of this document (multipart, one part named "file")',
          params: Params,
          response: { 201: DocumentSchema, ...problems(400, 401, 403, 404, 409, 413, 415, 422, 503, 507) },
        },
      },
      async (request, reply) => {
        const { document, etag } = await closingOnRefusal(request, reply, () =>
          uploadVersion(ctx, request.actor, request.params.id, request, requestMeta(request)),
        );
        return reply.code(201).header('etag', etag).send(document);
      },
    );
  };
}
