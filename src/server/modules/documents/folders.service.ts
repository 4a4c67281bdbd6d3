import { checkItemName, DOCUMENT_LIMITS, type FolderVisibility, type GuestAccess, numberedName } from '../../../shared/documents.js';
import { record } from '../../audit/record.js';
import { type Actor, requireUser } from '../../authz/index.js';
import { openToGuests } from '../../authz/policies/folder.policy.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { serialize } from '../../db/locks.js';
import { assertIfMatch } from '../../http/preconditions.js';
import { conflict, invalid, notFound } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { peopleFor } from '../directory/person-ref.js';
import { assertChangeable, loadWorkspace } from '../workspaces/workspace-access.js';
import { presentDocument } from './documents.presenter.js';
import { listDocumentsIn } from './documents.repo.js';
import { type LoadedFolder, loadFolder } from './folder-access.js';
import { folderEtag, presentFolder } from './folders.presenter.js';
import {
  ancestorsOf,
  effectiveSettings,
  findFolder,
  listChildFolders,
  nameKey,
  refreshEffectiveSettings,
  siblingNameTaken,
  subtreeIds,
} from './folders.repo.js';
import { trashOf } from './trash-access.js';

export interface FolderInput {
  name: string;
  parentId?: string;
  visibility?: FolderVisibility;
  guestAccess?: GuestAccess;
}

function checkedName(raw: string): string {
  const checked = checkItemName(raw);
  if ('problem' in checked) throw invalid('/name', checked.problem);
  return checked.name;
}

const nameTaken = (name: string) => conflict(`A folder named "${name}" already exists here.`);

async function presentOne(ctx: AppContext, actor: Actor, id: string) {
  const loaded = await loadFolder(ctx, actor, id, 'read');
  const path = await ancestorsOf(ctx.db, loaded.workspace.id, loaded.folder.parent_id);
  return { folder: presentFolder(actor, loaded.folder, loaded.workspace, path), etag: folderEtag(loaded.folder) };
}

export async function createFolder(ctx: AppContext, actor: Actor, workspaceId: string, input: FolderInput, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'create_folder');
  assertChangeable(workspace);
  const name = checkedName(input.name);
  let parent: LoadedFolder['folder'] | null = null;
  if (input.parentId !== undefined) {
    const found = await findFolder(ctx.db, input.parentId);
    if (!found || found.workspace_id !== workspaceId || found.deleted_at !== null)
      throw invalid('/parentId', 'is not a folder of this workspace');
    parent = (await loadFolder(ctx, actor, found.id, 'create_folder')).folder;
  } else if (input.visibility === undefined) {
    throw invalid('/visibility', 'is required for a top-level folder: shared or internal');
  }
  const own = { visibility: input.visibility ?? null, guestAccess: input.guestAccess ?? null };
  const id = newId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, `folders:${workspaceId}`);
    // The parent as it is now, under the lock: its settings may have changed, or it may be in the trash.
    const current = parent ? await findFolder(trx, parent.id) : null;
    if (parent && (!current || current.deleted_at !== null)) throw invalid('/parentId', 'is not a folder of this workspace');
    const effective = effectiveSettings(
      own,
      current ? { shared: current.shared === 1, guestAccess: current.effective_guest_access } : null,
    );
    if (await siblingNameTaken(trx, workspaceId, parent?.id ?? null, name)) throw nameTaken(name);
    await trx
      .insertInto('folders')
      .values({
        id,
        workspace_id: workspaceId,
        parent_id: parent?.id ?? null,
        name,
        name_key: nameKey(name),
        visibility: own.visibility,
        guest_access: own.guestAccess,
        shared: effective.shared ? 1 : 0,
        effective_guest_access: effective.guestAccess,
        version: 1,
        created_by: caller.id,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
        trash_root_id: null,
      })
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'folder.created',
      target: { type: 'folder', id },
      workspaceId,
      ip: meta.ip,
      details: { name, parentId: parent?.id ?? null, visibility: own.visibility, guestAccess: own.guestAccess },
      internal: !openToGuests(effective),
    });
  });
  return presentOne(ctx, actor, id);
}

export async function getFolder(ctx: AppContext, actor: Actor, id: string) {
  return presentOne(ctx, actor, id);
}

/** The workspace's top-level folders the caller may enter. */
export async function listTopFolders(ctx: AppContext, actor: Actor, workspaceId: string) {
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'read');
  const rows = await listChildFolders(ctx.db, actor, workspaceId, null);
  return { items: rows.map((f) => presentFolder(actor, f, workspace, [])) };
}

/** Subfolders (all) and one page of documents, by name. */
export async function folderChildren(ctx: AppContext, actor: Actor, id: string, query: { limit?: number; cursor?: string }) {
  const loaded = await loadFolder(ctx, actor, id, 'read');
  const limit = Math.min(query.limit ?? 200, DOCUMENT_LIMITS.pageSize);
  const after = query.cursor ? decodeCursor(query.cursor, ['nameKey', 'id']) : undefined;
  const path = [...(await ancestorsOf(ctx.db, loaded.workspace.id, loaded.folder.parent_id)), { id, name: loaded.folder.name }];
  const [folders, documents] = await Promise.all([
    after ? Promise.resolve([]) : listChildFolders(ctx.db, actor, loaded.workspace.id, id),
    listDocumentsIn(ctx.db, actor, id, { limit: limit + 1, ...(after ? { after } : {}) }),
  ]);
  const page = documents.slice(0, limit);
  const person = await peopleFor(
    ctx.db,
    actor,
    page.flatMap((d) => [d.created_by, d.updated_by]),
  );
  const last = page.at(-1);
  return {
    folders: folders.map((f) => presentFolder(actor, f, loaded.workspace, path)),
    documents: page.map((document) => presentDocument(actor, { document, folder: loaded.folder, workspace: loaded.workspace }, person)),
    nextCursor: documents.length > limit && last ? encodeCursor({ nameKey: last.name_key, id: last.id }) : null,
  };
}

export interface FolderChanges {
  name?: string;
  parentId?: string | null;
  visibility?: FolderVisibility | null;
  guestAccess?: GuestAccess | null;
}

/** Rename, move, or change what guests may do; the whole subtree's effective settings follow. */
export async function updateFolder(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: FolderChanges,
  ifMatch: string | undefined,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const { folder, workspace } = await loadFolder(ctx, actor, id, 'update');
  assertChangeable(workspace);
  assertIfMatch(ifMatch, folderEtag(folder), 'folder');
  const name = changes.name !== undefined ? checkedName(changes.name) : folder.name;
  const parentId = changes.parentId !== undefined ? changes.parentId : folder.parent_id;
  if (parentId !== null && parentId !== folder.parent_id) {
    const target = await findFolder(ctx.db, parentId);
    if (!target || target.workspace_id !== workspace.id || target.deleted_at !== null)
      throw invalid('/parentId', 'is not a folder of this workspace');
    const ancestors = await ancestorsOf(ctx.db, workspace.id, parentId);
    if (ancestors.some((a) => a.id === id)) throw invalid('/parentId', 'is this folder or one inside it');
  }
  let visibility = changes.visibility !== undefined ? changes.visibility : folder.visibility;
  let guestAccess = changes.guestAccess !== undefined ? changes.guestAccess : folder.guest_access;
  if (parentId === null && changes.visibility === null)
    throw invalid('/visibility', 'is required for a top-level folder: shared or internal');
  if (parentId === null && folder.parent_id !== null) {
    // Moved to the top: it keeps what it showed until someone changes it.
    visibility ??= folder.shared === 1 ? 'shared' : 'internal';
    guestAccess ??= folder.effective_guest_access;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, `folders:${workspace.id}`);
    if (parentId !== null && parentId !== folder.parent_id) {
      const target = await findFolder(trx, parentId);
      if (!target || target.deleted_at !== null) throw invalid('/parentId', 'is not a folder of this workspace');
      const ancestors = await ancestorsOf(trx, workspace.id, parentId);
      if (ancestors.some((a) => a.id === id)) throw invalid('/parentId', 'is this folder or one inside it');
    }
    if (await siblingNameTaken(trx, workspace.id, parentId, name, id)) throw nameTaken(name);
    const updated = await trx
      .updateTable('folders')
      .set({
        name,
        name_key: nameKey(name),
        parent_id: parentId,
        visibility,
        guest_access: guestAccess,
        version: folder.version + 1,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .where('version', '=', folder.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw conflict('Someone else changed this folder at the same moment. Reload it and try again.');
    await refreshEffectiveSettings(trx, workspace.id);
    await record(trx, {
      actorId: caller.id,
      action: 'folder.updated',
      target: { type: 'folder', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: {
        name,
        parentId,
        visibility,
        guestAccess,
        previous: { name: folder.name, parentId: folder.parent_id, visibility: folder.visibility, guestAccess: folder.guest_access },
      },
    });
  });
  return presentOne(ctx, actor, id);
}

/** The folder, everything below it, and their documents go to the trash together. */
export async function trashFolder(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { folder, workspace } = await loadFolder(ctx, actor, id, 'trash');
  assertChangeable(workspace);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, `folders:${workspace.id}`);
    const ids = await subtreeIds(trx, workspace.id, id);
    const mark = { deleted_at: now, deleted_by: caller.id, trash_root_id: id };
    await trx.updateTable('folders').set(mark).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
    await trx.updateTable('documents').set(mark).where('folder_id', 'in', ids).where('deleted_at', 'is', null).execute();
    await record(trx, {
      actorId: caller.id,
      action: 'folder.trashed',
      target: { type: 'folder', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { name: folder.name },
    });
  });
}

/** Brings back everything that went to the trash with this folder. */
export async function restoreFolder(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta) {
  const caller = requireUser(actor);
  const folder = await findFolder(ctx.db, id);
  if (!folder || folder.deleted_at === null || folder.trash_root_id !== id) throw notFound();
  const workspace = await trashOf(ctx, actor, folder.workspace_id);
  assertChangeable(workspace);
  await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, `folders:${workspace.id}`);
    if (folder.parent_id) {
      const parent = await findFolder(trx, folder.parent_id);
      if (!parent || parent.deleted_at !== null) throw conflict('Its parent folder is in the trash. Restore that folder first.');
    }
    let name = folder.name;
    for (let n = 2; await siblingNameTaken(trx, workspace.id, folder.parent_id, name, id); n++) name = numberedName(folder.name, n);
    const back = { deleted_at: null, deleted_by: null, trash_root_id: null };
    await trx.updateTable('folders').set(back).where('trash_root_id', '=', id).execute();
    await trx.updateTable('documents').set(back).where('trash_root_id', '=', id).execute();
    await trx
      .updateTable('folders')
      .set({ name, name_key: nameKey(name), version: folder.version + 1 })
      .where('id', '=', id)
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'folder.restored',
      target: { type: 'folder', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { name },
    });
  });
  return presentOne(ctx, actor, id);
}
