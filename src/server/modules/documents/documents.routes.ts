import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, Nullable, problems } from '../../http/schemas.js';
import { loadDocument } from './document-access.js';
import { DocumentSchema, VersionSchema } from './documents.presenter.js';
import { currentVersion, findVersion } from './documents.repo.js';
import { accessReport, documentVersions, getDocument, restoreDocument, trashDocument, updateDocument } from './documents.service.js';
import { sendVersion } from './download.js';
import { restoreVersion } from './upload.service.js';

const Params = Type.Object({ id: IdSchema });
const VersionParams = Type.Object({ id: IdSchema, versionId: IdSchema });
const Bytes = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'The bytes' });
const ByteHeaders = Type.Object({
  range: Type.Optional(Type.String({ maxLength: 200 })),
  'if-range': Type.Optional(Type.String({ maxLength: 200 })),
  'if-none-match': Type.Optional(Type.String({ maxLength: 1000 })),
});
const byteResponses = { 200: Bytes, 206: Bytes, 304: Type.Null(), ...problems(401, 404, 416) };

export function documentsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/documents/:id',
      {
        config: { access: 'user' },
        schema: { tags: ['Documents'], summary: 'One document', params: Params, response: { 200: DocumentSchema, ...problems(401, 404) } },
      },
      async (request, reply) => {
        const { document, etag } = await getDocument(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.header('etag', etag).send(document);
      },
    );

    app.patch(
      '/documents/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Rename and/or move a document; `If-Match` guards against lost updates',
          params: Params,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) }),
          body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })), folderId: Type.Optional(IdSchema) }),
          response: { 200: DocumentSchema, ...problems(400, 401, 403, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const { document, etag } = await updateDocument(
          ctx,
          request.actor,
          request.params.id,
          request.body,
          request.headers['if-match'],
          requestMeta(request),
        );
        return reply.header('etag', etag).send(document);
      },
    );

    app.delete(
      '/documents/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Move a document to the trash',
          params: Params,
          response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await trashDocument(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/documents/:id/restore',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Bring a document back from the trash',
          params: Params,
          response: { 200: DocumentSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { document, etag } = await restoreDocument(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.header('etag', etag).send(document);
      },
    );

    app.get(
      '/documents/:id/content',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Download the current version (attachment; Range, If-Range, ETag)',
          params: Params,
          headers: ByteHeaders,
          response: byteResponses,
        },
      },
      async (request, reply) => {
        const loaded = await loadDocument(ctx, request.actor, request.params.id, 'download');
        return sendVersion(ctx, request.actor, request, reply, loaded, await currentVersion(ctx.db, loaded.document), 'attachment');
      },
    );

    app.get(
      '/documents/:id/preview',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'The current version shown inside the page: PNG, JPEG, GIF, WebP and PDF only',
          params: Params,
          headers: ByteHeaders,
          response: { ...byteResponses, ...problems(415) },
        },
      },
      async (request, reply) => {
        const loaded = await loadDocument(ctx, request.actor, request.params.id, 'read');
        return sendVersion(ctx, request.actor, request, reply, loaded, await currentVersion(ctx.db, loaded.document), 'preview');
      },
    );

    app.get(
      '/documents/:id/versions',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Every version, newest first',
          params: Params,
          response: { 200: Type.Object({ items: Type.Array(VersionSchema) }), ...problems(401, 404) },
        },
      },
      async (request) => documentVersions(ctx, request.actor, request.params.id),
    );

    app.get(
      '/documents/:id/versions/:versionId/content',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Download one version (attachment; Range, If-Range, ETag)',
          params: VersionParams,
          headers: ByteHeaders,
          response: byteResponses,
        },
      },
      async (request, reply) => {
        const loaded = await loadDocument(ctx, request.actor, request.params.id, 'download');
        const version = await findVersion(ctx.db, request.actor, loaded.document, request.params.versionId);
        if (!version) throw notFound();
        return sendVersion(ctx, request.actor, request, reply, loaded, version, 'attachment');
      },
    );

    app.post(
      '/documents/:id/versions/:versionId/restore',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: "Make an older version current again, as a new version with that version's bytes",
          params: VersionParams,
          response: { 201: DocumentSchema, ...problems(400, 401, 403, 404, 409, 507) },
        },
      },
      async (request, reply) => {
        const { document, etag } = await restoreVersion(
          ctx,
          request.actor,
          request.params.id,
          request.params.versionId,
          requestMeta(request),
        );
        return reply.code(201).header('etag', etag).send(document);
      },
    );

    app.get(
      '/documents/:id/access',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: "Who viewed, downloaded or uploaded this document, newest first (the workspace's managers)",
          params: Params,
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 512 })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: IdSchema,
                  action: Type.Union([Type.Literal('viewed'), Type.Literal('downloaded'), Type.Literal('uploaded')]),
                  user: Nullable(Type.Object({ id: IdSchema, name: Type.String() })),
                  version: Nullable(Type.Integer()),
                  ip: Nullable(Type.String()),
                  at: Type.String({ format: 'date-time' }),
                }),
              ),
              nextCursor: Nullable(Type.String()),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (request) => accessReport(ctx, request.actor, request.params.id, request.query),
    );
  };
}
