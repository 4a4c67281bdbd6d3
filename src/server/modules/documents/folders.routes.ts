import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DOCUMENT_LIMITS, FOLDER_VISIBILITIES, GUEST_ACCESS_LEVELS } from '../../../shared/documents.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, Nullable, problems } from '../../http/schemas.js';
import { DocumentSchema } from './documents.presenter.js';
import { FolderSchema } from './folders.presenter.js';
import { createFolder, folderChildren, getFolder, listTopFolders, restoreFolder, trashFolder, updateFolder } from './folders.service.js';
import { emptyTrash, listTrash, TrashItemSchema } from './trash.service.js';

const Params = Type.Object({ id: IdSchema });
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) });
// Length in bytes is checked by the service (255 bytes of UTF-8); this only bounds the work.
const FolderName = Type.String({ minLength: 1, maxLength: 1024 });
const Visibility = Type.Enum(FOLDER_VISIBILITIES);
const GuestAccessLevel = Type.Enum(GUEST_ACCESS_LEVELS);
export function foldersRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/workspaces/:id/folders',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: "The workspace's top-level folders I may enter",
          params: Params,
          response: { 200: Type.Object({ items: Type.Array(FolderSchema) }), ...problems(401, 404) },
        },
      },
      async (request) => listTopFolders(ctx, request.actor, request.params.id),
    );

    app.post(
      '/workspaces/:id/folders',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Create a folder (employees); a top-level folder needs a visibility, a subfolder inherits what it leaves out',
          params: Params,
          body: Type.Object({
            name: FolderName,
            parentId: Type.Optional(IdSchema),
            visibility: Type.Optional(Visibility),
            guestAccess: Type.Optional(GuestAccessLevel),
          }),
          response: { 201: FolderSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { folder, etag } = await createFolder(ctx, request.actor, request.params.id, request.body, requestMeta(request));
        return reply.code(201).header('etag', etag).send(folder);
      },
    );

    app.get(
      '/folders/:id',
      {
        config: { access: 'user' },
        schema: { tags: ['Documents'], summary: 'One folder', params: Params, response: { 200: FolderSchema, ...problems(401, 404) } },
      },
      async (request, reply) => {
        const { folder, etag } = await getFolder(ctx, request.actor, request.params.id);
        return reply.header('etag', etag).send(folder);
      },
    );

    app.get(
      '/folders/:id/children',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Subfolders and one page of documents, by name (in a drop box a guest sees only their own uploads)',
          params: Params,
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DOCUMENT_LIMITS.pageSize, default: 200 })),
            cursor: Type.Optional(Type.String({ maxLength: 1024 })),
          }),
          response: {
            200: Type.Object({
              folders: Type.Array(FolderSchema),
              documents: Type.Array(DocumentSchema),
              nextCursor: Nullable(Type.String()),
            }),
            ...problems(400, 401, 404),
          },
        },
      },
      async (request) => folderChildren(ctx, request.actor, request.params.id, request.query),
    );

    app.patch(
      '/folders/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Rename, move, or change visibility and guest access (null inherits); `If-Match` guards against lost updates',
          params: Params,
          headers: IfMatch,
          body: Type.Object({
            name: Type.Optional(FolderName),
            parentId: Type.Optional(Nullable(IdSchema)),
            visibility: Type.Optional(Nullable(Visibility)),
            guestAccess: Type.Optional(Nullable(GuestAccessLevel)),
          }),
          response: { 200: FolderSchema, ...problems(400, 401, 403, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const { folder, etag } = await updateFolder(
          ctx,
          request.actor,
          request.params.id,
          request.body,
          request.headers['if-match'],
          requestMeta(request),
        );
        return reply.header('etag', etag).send(folder);
      },
    );

    app.delete(
      '/folders/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Move a folder, with everything in it, to the trash',
          params: Params,
          response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await trashFolder(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/folders/:id/restore',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Bring a folder and what was trashed with it back from the trash',
          params: Params,
          response: { 200: FolderSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { folder, etag } = await restoreFolder(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.header('etag', etag).send(folder);
      },
    );

    app.get(
      '/workspaces/:id/trash',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: "The workspace's trash (employees), newest first; kept 30 days",
          params: Params,
          response: { 200: Type.Object({ items: Type.Array(TrashItemSchema) }), ...problems(401, 403, 404) },
        },
      },
      async (request) => listTrash(ctx, request.actor, request.params.id),
    );

    app.delete(
      '/workspaces/:id/trash',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Documents'],
          summary: 'Empty the trash now (managers): its folders, documents and versions are gone for good',
          params: Params,
          response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await emptyTrash(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
}
