import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { numberedName, type UploadConflict } from '../../../shared/documents.js';
import { record } from '../../audit/record.js';
import { withCurrentMemberships } from '../../authz/actor-loader.js';
import { type Actor, can, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { serialize } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import type { StoredBlob } from '../../storage/blob-store.js';
import { assertChangeable } from '../workspaces/workspace-access.js';
import { workspaceTarget } from '../workspaces/workspaces.repo.js';
import { documentTarget, type LoadedDocument, loadDocument } from './document-access.js';
import { findDocument, findVersion, namesVisibleIn, sameNameDocuments } from './documents.repo.js';
import { presentLoaded } from './documents.service.js';
import { loadFolder } from './folder-access.js';
import { type FolderRow, findFolder, folderTarget, hiddenFromGuests, nameKey } from './folders.repo.js';
import { assertQuota, keepOrDiscard, type ReceivedFile, receiveFile } from './receive-file.js';

/** Uploads that count against the same quota commit one at a time. */
const quotaLock = (ctx: AppContext, workspaceId: string) => (ctx.config.storageQuotaBytes > 0 ? 'documents' : `documents:${workspaceId}`);

/**
 * Every commit of an upload takes the workspace's folder lock first (trashing and moving folders
 * take it too, so a document never lands in a folder being trashed), then the quota lock.
 */
async function lockForUpload(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  workspaceId: string,
  stillAllowed: (current: Actor) => boolean,
): Promise<void> {
  await serialize(trx, `folders:${workspaceId}`);
  await serialize(trx, quotaLock(ctx, workspaceId));
  // A large upload can outlast its uploader's access: decided again, by the same policy, as of now.
  // Someone removed (or whose access ended) meanwhile gets nothing stored, and a plain 404.
  if (!stillAllowed(await withCurrentMemberships(trx, actor))) throw notFound();
}

type Received = Pick<ReceivedFile, 'name' | 'contentType'> & { blob: Pick<StoredBlob, 'sha256' | 'size'> };

/**
 * Adds a version to a document as it is now. Call it under the upload lock: the document and its
 * folder are read again here, since either may have changed while the bytes streamed in.
 */
async function addVersion(
  trx: Kysely<DB>,
  documentId: string,
  actor: Actor,
  file: Received,
  now: string,
  restoredFrom: number | null = null,
) {
  const caller = requireUser(actor);
  const current = await findDocument(trx, documentId);
  if (!current || current.deleted_at !== null) throw conflict('This document was moved to the trash meanwhile. Nothing was stored.');
  const folder = await findFolder(trx, current.folder_id);
  if (!folder) throw conflict('This document was moved to the trash meanwhile. Nothing was stored.');
  const number = current.current_version + 1;
  await trx
    .insertInto('document_versions')
    .values({
      id: newId(),
      document_id: documentId,
      number,
      name: file.name,
      size: file.blob.size,
      sha256: file.blob.sha256,
      content_type: file.contentType,
      uploaded_by: caller.id,
      restored_from: restoredFrom,
      created_at: now,
      shared_with_guests: hiddenFromGuests(folder) ? 0 : 1,
    })
    .execute();
  await trx
    .updateTable('documents')
    .set({
      current_version: number,
      size: file.blob.size,
      sha256: file.blob.sha256,
      content_type: file.contentType,
      version: current.version + 1,
      updated_by: caller.id,
      updated_at: now,
    })
    .where('id', '=', documentId)
    .execute();
  return { documentId, number, folder };
}

async function addDocument(trx: Kysely<DB>, actor: Actor, folder: FolderRow, file: Received, now: string) {
  const caller = requireUser(actor);
  // The next free "name (n).ext" among the names this person can see (in a drop box: their own).
  const taken = await namesVisibleIn(trx, actor, folder.id);
  let name = file.name;
  for (let n = 2; taken.has(nameKey(name)); n++) name = numberedName(file.name, n);
  const id = newId();
  await trx
    .insertInto('documents')
    .values({
      id,
      workspace_id: folder.workspace_id,
      folder_id: folder.id,
      name,
      name_key: nameKey(name),
      current_version: 1,
      size: file.blob.size,
      sha256: file.blob.sha256,
      content_type: file.contentType,
      version: 1,
      created_by: caller.id,
      updated_by: caller.id,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
      trash_root_id: null,
    })
    .execute();
  await trx
    .insertInto('document_versions')
    .values({
      id: newId(),
      document_id: id,
      number: 1,
      name,
      size: file.blob.size,
      sha256: file.blob.sha256,
      content_type: file.contentType,
      uploaded_by: caller.id,
      restored_from: null,
      created_at: now,
      shared_with_guests: hiddenFromGuests(folder) ? 0 : 1,
    })
    .execute();
  return { documentId: id, number: 1, folder };
}

/**
 * Upload into a folder. The bytes land in the store first (streamed, hashed, fsynced, renamed);
 * only then does one transaction re-check the folder and the quotas and write the rows. The same
 * name makes a new version of the document the uploader can see, unless they keep both.
 */
export async function uploadToFolder(
  ctx: AppContext,
  actor: Actor,
  folderId: string,
  request: FastifyRequest,
  conflictChoice: UploadConflict,
  meta: RequestMeta,
) {
  const { folder, workspace } = await loadFolder(ctx, actor, folderId, 'upload');
  assertChangeable(workspace);
  const file = await receiveFile(ctx, request, workspace.id);
  const now = new Date().toISOString();
  const written = await keepOrDiscard(ctx, file, () =>
    ctx.db.transaction().execute(async (trx) => {
      await lockForUpload(trx, ctx, actor, workspace.id, (current) =>
        can(current, 'folder', 'upload', folderTarget(folder, workspaceTarget(workspace))),
      );
      // Read again under the lock: the folder may have been trashed, or closed to guests, while the bytes streamed in.
      const live = await findFolder(trx, folder.id);
      if (!live || live.deleted_at !== null) throw conflict('This folder was moved to the trash during the upload. Nothing was stored.');
      await assertQuota(trx, ctx, workspace.id, file.blob.size);
      const match =
        conflictChoice === 'version'
          ? (await sameNameDocuments(trx, actor, folder.id, nameKey(file.name))).find((d) =>
              can(actor, 'document', 'upload_version', documentTarget({ document: d, folder, workspace })),
            )
          : undefined;
      const result = match ? await addVersion(trx, match.id, actor, file, now) : await addDocument(trx, actor, live, file, now);
      await recordUpload(trx, actor, result.folder, result, file, meta);
      return result;
    }),
  );
  return presentLoaded(ctx, actor, written.documentId);
}

/** A new version of one document, uploaded to the document itself (whatever the file is called). */
export async function uploadVersion(ctx: AppContext, actor: Actor, documentId: string, request: FastifyRequest, meta: RequestMeta) {
  const loaded: LoadedDocument = await loadDocument(ctx, actor, documentId, 'upload_version');
  assertChangeable(loaded.workspace);
  const file = await receiveFile(ctx, request, loaded.workspace.id);
  const now = new Date().toISOString();
  const written = await keepOrDiscard(ctx, file, () =>
    ctx.db.transaction().execute(async (trx) => {
      await lockForUpload(trx, ctx, actor, loaded.workspace.id, (current) =>
        can(current, 'document', 'upload_version', documentTarget(loaded)),
      );
      await assertQuota(trx, ctx, loaded.workspace.id, file.blob.size);
      const result = await addVersion(trx, documentId, actor, file, now);
      await recordUpload(trx, actor, result.folder, result, file, meta);
      return result;
    }),
  );
  return presentLoaded(ctx, actor, written.documentId);
}

/** An older version's bytes become the newest version (stored once, but counted in the quota like any version). */
export async function restoreVersion(ctx: AppContext, actor: Actor, documentId: string, versionId: string, meta: RequestMeta) {
  const loaded = await loadDocument(ctx, actor, documentId, 'upload_version');
  assertChangeable(loaded.workspace);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await lockForUpload(trx, ctx, actor, loaded.workspace.id, (current) =>
      can(current, 'document', 'upload_version', documentTarget(loaded)),
    );
    // Read again inside the transaction: which version is current decides what a guest may restore.
    const current = (await findDocument(trx, documentId)) ?? loaded.document;
    const old = await findVersion(trx, actor, current, versionId);
    if (!old) throw invalid('/versionId', 'is not a version of this document');
    await assertQuota(trx, ctx, loaded.workspace.id, old.size);
    const file = { name: old.name, blob: { sha256: old.sha256, size: old.size }, contentType: old.content_type };
    const result = await addVersion(trx, documentId, actor, file, now, old.number);
    await record(trx, {
      actorId: requireUser(actor).id,
      action: 'document.version_restored',
      target: { type: 'document', id: documentId },
      workspaceId: loaded.workspace.id,
      ip: meta.ip,
      details: { version: result.number, restoredFrom: old.number },
      internal: hiddenFromGuests(result.folder),
    });
  });
  return presentLoaded(ctx, actor, documentId);
}

async function recordUpload(
  trx: Kysely<DB>,
  actor: Actor,
  folder: FolderRow,
  result: { documentId: string; number: number },
  file: Received,
  meta: RequestMeta,
) {
  await record(trx, {
    actorId: requireUser(actor).id,
    action: 'document.uploaded',
    target: { type: 'document', id: result.documentId },
    workspaceId: folder.workspace_id,
    ip: meta.ip,
    details: { version: result.number, name: file.name, size: file.blob.size, sha256: file.blob.sha256, contentType: file.contentType },
    internal: hiddenFromGuests(folder),
  });
}
