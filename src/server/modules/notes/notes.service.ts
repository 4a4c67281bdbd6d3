import type { Kysely } from 'kysely';
import type { NoteAction, NoteVisibility } from '../../../shared/notes.js';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import { visibleNotes } from '../../authz/scope.js';
import type { AppContext, RequestMeta } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { assertIfMatch, preconditionFailed } from '../../http/preconditions.js';
import { invalid, notFound } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import { peopleFor } from '../directory/person-ref.js';
import { assertChangeable, loadWorkspace } from '../workspaces/workspace-access.js';
import { findWorkspace, type WorkspaceRow } from '../workspaces/workspaces.repo.js';
import { type NoteRow, noteEtag, noteTarget, presentNote, presentNoteSummary, presentNoteVersion } from './notes.presenter.js';

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw invalid('/title', 'must not be empty');
  return trimmed;
}

async function loadNote(ctx: Pick<AppContext, 'db'>, actor: Actor, id: string, action: NoteAction = 'read') {
  const note = await ctx.db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
  const workspace = note && (await findWorkspace(ctx.db, note.workspace_id));
  if (!note || !workspace) throw notFound();
  authorize(actor, 'note', action, noteTarget(note, workspace));
  return { note, workspace };
}

async function present(ctx: AppContext, actor: Actor, note: NoteRow, workspace: WorkspaceRow) {
  const person = await peopleFor(ctx.db, actor, [note.created_by, note.updated_by]);
  return { note: presentNote(actor, note, workspace, person), etag: noteEtag(note) };
}

/** Saves a state of the note as its next version, and makes it the current one. */
async function saveVersion(
  trx: Kysely<DB>,
  note: Pick<NoteRow, 'id' | 'version'>,
  state: { title: string; body: string; visibility: NoteVisibility },
  editorId: string,
  now: string,
  restoredFrom: number | null,
): Promise<boolean> {
  const number = note.version + 1;
  const updated = await trx
    .updateTable('notes')
    .set({ ...state, version: number, updated_by: editorId, updated_at: now })
    .where('id', '=', note.id)
    .where('version', '=', note.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto('note_versions')
    .values({ id: newId(), note_id: note.id, number, ...state, edited_by: editorId, restored_from: restoredFrom, created_at: now })
    .execute();
  return true;
}

export async function createNote(
  ctx: AppContext,
  actor: Actor,
  workspaceId: string,
  input: { title: string; body: string; visibility?: NoteVisibility },
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'create_note');
  assertChangeable(workspace);
  const state = { title: checkTitle(input.title), body: input.body, visibility: input.visibility ?? 'shared' };
  const id = newId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notes')
      .values({
        id,
        workspace_id: workspaceId,
        ...state,
        version: 1,
        created_by: caller.id,
        updated_by: caller.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('note_versions')
      .values({ id: newId(), note_id: id, number: 1, ...state, edited_by: caller.id, restored_from: null, created_at: now })
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'note.created',
      target: { type: 'note', id },
      workspaceId,
      ip: meta.ip,
      details: { title: state.title, visibility: state.visibility },
      internal: state.visibility === 'internal',
    });
  });
  const loaded = await loadNote(ctx, actor, id);
  return present(ctx, actor, loaded.note, loaded.workspace);
}

export async function getNote(ctx: AppContext, actor: Actor, id: string) {
  const { note, workspace } = await loadNote(ctx, actor, id);
  return present(ctx, actor, note, workspace);
}

/** The workspace's notes the caller may read, most recently changed first. */
export async function listNotes(ctx: AppContext, actor: Actor, workspaceId: string) {
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'read');
  const rows = await ctx.db
    .selectFrom('notes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(visibleNotes(actor))
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
  const person = await peopleFor(
    ctx.db,
    actor,
    rows.map((r) => r.updated_by),
  );
  return { items: rows.map((n) => presentNoteSummary(actor, n, workspace, person)) };
}

export async function updateNote(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: { title?: string; body?: string; visibility?: NoteVisibility },
  ifMatch: string | undefined,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const { note, workspace } = await loadNote(ctx, actor, id, 'update');
  assertChangeable(workspace);
  assertIfMatch(ifMatch, noteEtag(note), 'note', 'saved');
  const state = {
    title: changes.title !== undefined ? checkTitle(changes.title) : note.title,
    body: changes.body ?? note.body,
    visibility: changes.visibility ?? note.visibility,
  };
  if (state.title === note.title && state.body === note.body && state.visibility === note.visibility)
    return present(ctx, actor, note, workspace);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await saveVersion(trx, note, state, caller.id, new Date().toISOString(), null))) throw preconditionFailed('note', 'saved');
    await record(trx, {
      actorId: caller.id,
      action: 'note.updated',
      target: { type: 'note', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { version: note.version + 1, title: state.title, visibility: state.visibility },
      internal: state.visibility === 'internal',
    });
  });
  const loaded = await loadNote(ctx, actor, id);
  return present(ctx, actor, loaded.note, loaded.workspace);
}

/**
 * Every saved state, newest first. A guest reads the history of a shared note only as far as the
 * note was shared: states saved while it was internal are left out.
 */
export async function noteHistory(ctx: AppContext, actor: Actor, id: string) {
  await loadNote(ctx, actor, id, 'read_history');
  let query = ctx.db.selectFrom('note_versions').selectAll().where('note_id', '=', id);
  if (actor.type === 'user' && actor.kind === 'guest') query = query.where('visibility', '=', 'shared');
  const versions = await query.orderBy('number', 'desc').execute();
  const person = await peopleFor(
    ctx.db,
    actor,
    versions.map((v) => v.edited_by),
  );
  return { items: versions.map((v) => presentNoteVersion(v, person)) };
}

/** A past text becomes the newest version (visibility unchanged); nothing in the history is lost. */
export async function restoreNoteVersion(ctx: AppContext, actor: Actor, id: string, versionId: string, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { note, workspace } = await loadNote(ctx, actor, id, 'restore');
  assertChangeable(workspace);
  const old = await ctx.db.selectFrom('note_versions').selectAll().where('note_id', '=', id).where('id', '=', versionId).executeTakeFirst();
  if (!old) throw notFound();
  await ctx.db.transaction().execute(async (trx) => {
    // The words come back; who may read them stays as it is now, a choice made on its own.
    const state = { title: old.title, body: old.body, visibility: note.visibility };
    if (!(await saveVersion(trx, note, state, caller.id, new Date().toISOString(), old.number))) throw preconditionFailed('note', 'saved');
    await record(trx, {
      actorId: caller.id,
      action: 'note.restored',
      target: { type: 'note', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { version: note.version + 1, restoredFrom: old.number },
      internal: state.visibility === 'internal',
    });
  });
  const loaded = await loadNote(ctx, actor, id);
  return present(ctx, actor, loaded.note, loaded.workspace);
}
