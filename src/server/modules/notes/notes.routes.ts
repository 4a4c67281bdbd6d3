import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NOTE_LIMITS, NOTE_VISIBILITIES } from '../../../shared/notes.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { Changes, IdSchema, problems } from '../../http/schemas.js';
import { NoteSchema, NoteSummarySchema, NoteVersionSchema } from './notes.presenter.js';
import { createNote, getNote, listNotes, noteHistory, restoreNoteVersion, updateNote } from './notes.service.js';

const Params = Type.Object({ id: IdSchema });
const Title = Type.String({ minLength: 1, maxLength: NOTE_LIMITS.title, pattern: '\\S' });
const Body = Type.String({ maxLength: NOTE_LIMITS.body });

export function notesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/workspaces/:id/notes',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notes'],
          summary: "Write a note (the workspace's employees); Markdown, shared with guests or internal",
          params: Params,
          body: Type.Object({ title: Title, body: Body, visibility: Type.Optional(Type.Enum(NOTE_VISIBILITIES)) }),
          response: { 201: NoteSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { note, etag } = await createNote(ctx, request.actor, request.params.id, request.body, requestMeta(request));
        return reply.code(201).header('etag', etag).send(note);
      },
    );

    app.get(
      '/workspaces/:id/notes',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notes'],
          summary: "The workspace's notes I may read, most recently changed first",
          params: Params,
          response: { 200: Type.Object({ items: Type.Array(NoteSummarySchema) }), ...problems(401, 404) },
        },
      },
      async (request) => listNotes(ctx, request.actor, request.params.id),
    );

    app.get(
      '/notes/:id',
      {
        config: { access: 'user' },
        schema: { tags: ['Notes'], summary: 'One note', params: Params, response: { 200: NoteSchema, ...problems(401, 404) } },
      },
      async (request, reply) => {
        const { note, etag } = await getNote(ctx, request.actor, request.params.id);
        return reply.header('etag', etag).send(note);
      },
    );

    app.patch(
      '/notes/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notes'],
          summary: 'Save a new version of a note; `If-Match` guards against overwriting someone else’s edit',
          params: Params,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) }),
          body: Type.Object(
            {
              title: Type.Optional(Title),
              body: Type.Optional(Body),
              visibility: Type.Optional(Type.Enum(NOTE_VISIBILITIES)),
            },
            Changes,
          ),
          response: { 200: NoteSchema, ...problems(400, 401, 403, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const { note, etag } = await updateNote(
          ctx,
          request.actor,
          request.params.id,
          request.body,
          request.headers['if-match'],
          requestMeta(request),
        );
        return reply.header('etag', etag).send(note);
      },
    );

    app.get(
      '/notes/:id/versions',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notes'],
          summary: 'The edit history, newest first: who saved what, when',
          params: Params,
          response: { 200: Type.Object({ items: Type.Array(NoteVersionSchema) }), ...problems(401, 404) },
        },
      },
      async (request) => noteHistory(ctx, request.actor, request.params.id),
    );

    app.post(
      '/notes/:id/versions/:versionId/restore',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notes'],
          summary: 'Make a past version current again, as a new version',
          params: Type.Object({ id: IdSchema, versionId: IdSchema }),
          response: { 200: NoteSchema, ...problems(401, 403, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const { note, etag } = await restoreNoteVersion(
          ctx,
          request.actor,
          request.params.id,
          request.params.versionId,
          requestMeta(request),
        );
        return reply.header('etag', etag).send(note);
      },
    );
  };
}
