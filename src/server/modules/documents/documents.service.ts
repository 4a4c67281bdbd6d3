import { checkItemName, numberedName } from '../../../shared/documents.js';
import { record } from '../../audit/record.js';
import { type Actor, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { serialize } from '../../db/locks.js';
import { assertIfMatch } from '../../http/preconditions.js';
import { conflict, invalid, notFound } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { peopleFor } from '../directory/person-ref.js';
import { assertChangeable } from '../workspaces/workspace-access.js';
import { type LoadedDocument, loadDocument } from './document-access.js';
import { documentEtag, presentDocument, presentVersion } from './documents.presenter.js';
import { findDocument, listVersions, namesVisibleIn } from './documents.repo.js';
import { loadFolder } from './folder-access.js';
import { findFolder, hiddenFromGuests, nameKey } from './folders.repo.js';
import { trashOf } from './trash-access.js';

export async function presentLoadedDocument(ctx: AppContext, actor: Actor, loaded: LoadedDocument) {
  const person = await peopleFor(ctx.db, actor, [loaded.document.created_by, loaded.document.updated_by]);
  return { document: presentDocument(actor, loaded, person), etag: documentEtag(loaded.document) };
}

/** The document as it is now, for the answer of a use case that just changed it. */
export async function presentLoaded(ctx: AppContext, actor: Actor, id: string) {
  return presentLoadedDocument(ctx, actor, await loadDocument(ctx, actor, id, 'read'));
}

/** One document; a guest's look at it is recorded for the access report. */
export async function getDocument(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta) {
  const loaded = await loadDocument(ctx, actor, id, 'read');
  if (actor.type === 'user' && actor.kind === 'guest')
    await recordAccess(ctx, actor, loaded, 'document.viewed', loaded.document.current_version, meta);
  return presentLoadedDocument(ctx, actor, loaded);
}

/** Requests of one person for one version from one address within this time are one access. */
const SAME_ACCESS_MS = 10 * 60_000;

/** Audits a view or download for the access report. */
export async function recordAccess(
  ctx: AppContext,
  actor: Actor,
  loaded: LoadedDocument,
  action: 'document.viewed' | 'document.downloaded',
  version: number,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  // A resumed download or a PDF viewer fetching ranges is one access, not dozens.
  const last = await ctx.db
    .selectFrom('audit_events')
    .select(['occurred_at', 'details', 'ip'])
    .where('target_id', '=', loaded.document.id)
    .where('actor_id', '=', caller.id)
    .where('action', '=', action)
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && Date.parse(last.occurred_at) > Date.now() - SAME_ACCESS_MS && last.ip === meta.ip && versionOf(last.details) === version)
    return;
  await record(ctx.db, {
    actorId: caller.id,
    action,
    target: { type: 'document', id: loaded.document.id },
    workspaceId: loaded.workspace.id,
    ip: meta.ip,
    details: { version },
  });
}

/** Rename and/or move; the same name may not exist twice in one folder. */
export async function updateDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { name?: string; folderId?: string },
  ifMatch: string | undefined,
  meta: RequestMeta,
) {
  const loaded = await loadDocument(ctx, actor, id, 'update');
  assertChangeable(loaded.workspace);
  assertIfMatch(ifMatch, documentEtag(loaded.document), 'document');
  let name = loaded.document.name;
  if (input.name !== undefined) {
    const checked = checkItemName(input.name);
    if ('problem' in checked) throw invalid('/name', checked.problem);
    name = checked.name;
  }
  let folderId = loaded.document.folder_id;
  if (input.folderId !== undefined && input.folderId !== folderId) {
    // One answer for "no such folder" and "not one you may use", so hidden folders stay hidden.
    const refused = () => invalid('/folderId', 'is not a folder of this workspace you may put documents in');
    const target = await findFolder(ctx.db, input.folderId);
    if (!target || target.workspace_id !== loaded.workspace.id || target.deleted_at !== null) throw refused();
    await loadFolder(ctx, actor, target.id, 'upload').catch(() => {
      throw refused();
    });
    folderId = target.id;
  }
  const caller = requireUser(actor);
  await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, `folders:${loaded.workspace.id}`);
    const target = await findFolder(trx, folderId);
    if (!target || target.deleted_at !== null) throw conflict('That folder was moved to the trash meanwhile. Nothing was changed.');
    const taken = await namesVisibleIn(trx, actor, folderId);
    taken.delete(loaded.document.name_key);
    if (taken.has(nameKey(name)) && !(folderId === loaded.document.folder_id && nameKey(name) === loaded.document.name_key))
      throw conflict(`A document named "${name}" already exists in that folder.`);
    const updated = await trx
      .updateTable('documents')
      .set({
        name,
        name_key: nameKey(name),
        folder_id: folderId,
        version: loaded.document.version + 1,
        updated_by: caller.id,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .where('version', '=', loaded.document.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw conflict('Someone else changed this document at the same moment. Reload it and try again.');
    await record(trx, {
      actorId: caller.id,
      action: 'document.updated',
      target: { type: 'document', id },
      workspaceId: loaded.workspace.id,
      ip: meta.ip,
      details: { name, folderId, previousName: loaded.document.name, previousFolderId: loaded.document.folder_id },
      internal: hiddenFromGuests(target),
    });
  });
  return presentLoaded(ctx, actor, id);
}

export async function trashDocument(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta) {
  const loaded = await loadDocument(ctx, actor, id, 'trash');
  assertChangeable(loaded.workspace);
  const caller = requireUser(actor);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('documents')
      .set({ deleted_at: new Date().toISOString(), deleted_by: caller.id, trash_root_id: id, version: loaded.document.version + 1 })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'document.trashed',
      target: { type: 'document', id },
      workspaceId: loaded.workspace.id,
      ip: meta.ip,
      details: { name: loaded.document.name },
    });
  });
}

/** Back from the trash into its folder, under a numbered name if the old one is taken meanwhile. */
export async function restoreDocument(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta) {
  const document = await findDocument(ctx.db, id);
  if (!document || document.deleted_at === null || document.trash_root_id !== id) throw notFound();
  const workspace = await trashOf(ctx, actor, document.workspace_id);
  assertChangeable(workspace);
  const caller = requireUser(actor);
  await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, `folders:${workspace.id}`);
    const folder = await findFolder(trx, document.folder_id);
    if (!folder || folder.deleted_at !== null)
      throw conflict('Its folder is in the trash. Restore the folder first; the document comes back with it if it was trashed with it.');
    const taken = await namesVisibleIn(trx, actor, folder.id);
    let name = document.name;
    for (let n = 2; taken.has(nameKey(name)); n++) name = numberedName(document.name, n);
    await trx
      .updateTable('documents')
      .set({ name, name_key: nameKey(name), deleted_at: null, deleted_by: null, trash_root_id: null, version: document.version + 1 })
      .where('id', '=', id)
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'document.restored',
      target: { type: 'document', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { name },
      internal: hiddenFromGuests(folder),
    });
  });
  return presentLoaded(ctx, actor, id);
}

export async function documentVersions(ctx: AppContext, actor: Actor, id: string) {
  const loaded = await loadDocument(ctx, actor, id, 'read_versions');
  const versions = await listVersions(ctx.db, actor, loaded.document);
  const person = await peopleFor(
    ctx.db,
    actor,
    versions.map((v) => v.uploaded_by),
  );
  return { items: versions.map((v) => presentVersion(v, person)) };
}

const ACCESS_ACTIONS = { 'document.viewed': 'viewed', 'document.downloaded': 'downloaded', 'document.uploaded': 'uploaded' } as const;

/** Who viewed, downloaded or uploaded which version, when and from where: for the workspace's managers. */
export async function accessReport(ctx: AppContext, actor: Actor, id: string, query: { limit?: number; cursor?: string }) {
  await loadDocument(ctx, actor, id, 'access_report');
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['at', 'id']) : undefined;
  let q = ctx.db
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'actor_id', 'action', 'ip', 'details'])
    .where('target_id', '=', id)
    .where('action', 'in', Object.keys(ACCESS_ACTIONS));
  if (after) {
    q = q.where((eb) => eb.or([eb('occurred_at', '<', after.at), eb.and([eb('occurred_at', '=', after.at), eb('id', '<', after.id)])]));
  }
  const rows = await q
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const person = await peopleFor(
    ctx.db,
    actor,
    page.map((r) => r.actor_id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      action: ACCESS_ACTIONS[r.action as keyof typeof ACCESS_ACTIONS],
      user: person(r.actor_id),
      version: versionOf(r.details),
      ip: r.ip,
      at: r.occurred_at,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.occurred_at, id: last.id }) : null,
  };
}

function versionOf(details: string): number | null {
  try {
    const v = (JSON.parse(details) as { version?: unknown }).version;
    return typeof v === 'number' ? v : null;
  } catch {
    return null;
  }
}
