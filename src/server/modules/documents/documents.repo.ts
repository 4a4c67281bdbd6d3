import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { visibleDocuments, visibleVersions } from '../../authz/scope.js';
import type { DB, DocumentsTable, DocumentVersionsTable } from '../../db/schema.js';

export type DocumentRow = Selectable<DocumentsTable>;
export type VersionRow = Selectable<DocumentVersionsTable>;
export type { PersonRef } from '../directory/person-ref.js';

export async function findDocument(db: Kysely<DB>, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Live documents of a folder the caller may see (the drop-box rule is in the query), by name. */
export async function listDocumentsIn(
  db: Kysely<DB>,
  actor: Actor,
  folderId: string,
  page: { limit: number; after?: { nameKey: string; id: string } },
): Promise<DocumentRow[]> {
  let query = db
    .selectFrom('documents')
    .innerJoin('folders', 'folders.id', 'documents.folder_id')
    .selectAll('documents')
    .where('documents.folder_id', '=', folderId)
    .where('documents.deleted_at', 'is', null)
    .where(visibleDocuments(actor));
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('documents.name_key', '>', after.nameKey),
        eb.and([eb('documents.name_key', '=', after.nameKey), eb('documents.id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('documents.name_key').orderBy('documents.id').limit(page.limit).execute();
}

/** Live documents in the folder with this name that the caller may see, most recently changed first. */
export async function sameNameDocuments(db: Kysely<DB>, actor: Actor, folderId: string, nameKey: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('documents')
    .innerJoin('folders', 'folders.id', 'documents.folder_id')
    .selectAll('documents')
    .where('documents.folder_id', '=', folderId)
    .where('documents.name_key', '=', nameKey)
    .where('documents.deleted_at', 'is', null)
    .where(visibleDocuments(actor))
    .orderBy('documents.updated_at', 'desc')
    .execute();
}

/** Names of live documents in the folder that the caller can see, to find a free "name (n).ext". */
export async function namesVisibleIn(db: Kysely<DB>, actor: Actor, folderId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('documents')
    .innerJoin('folders', 'folders.id', 'documents.folder_id')
    .select('documents.name_key')
    .where('documents.folder_id', '=', folderId)
    .where('documents.deleted_at', 'is', null)
    .where(visibleDocuments(actor))
    .execute();
  return new Set(rows.map((r) => r.name_key));
}

type VersionsOf = Pick<DocumentRow, 'id' | 'current_version'>;

/** The versions of a document the caller may see, newest first. */
export async function listVersions(db: Kysely<DB>, actor: Actor, document: VersionsOf): Promise<VersionRow[]> {
  return db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', document.id)
    .where(visibleVersions(actor, document.current_version))
    .orderBy('number', 'desc')
    .execute();
}

/** One version of a document, if the caller may see it. */
export async function findVersion(db: Kysely<DB>, actor: Actor, document: VersionsOf, versionId: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', document.id)
    .where('id', '=', versionId)
    .where(visibleVersions(actor, document.current_version))
    .executeTakeFirst();
}

export async function currentVersion(db: Kysely<DB>, document: Pick<DocumentRow, 'id' | 'current_version'>): Promise<VersionRow> {
  const row = await db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', document.id)
    .where('number', '=', document.current_version)
    .executeTakeFirst();
  if (!row) throw new Error(`document ${document.id} has no version ${document.current_version}`);
  return row;
}

/** Bytes of every version (trash included) in one workspace, or in the installation. */
export async function bytesUsed(db: Kysely<DB>, workspaceId?: string): Promise<number> {
  let query = db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .select((eb) => eb.fn.sum<string | number | null>('document_versions.size').as('bytes'));
  if (workspaceId) query = query.where('documents.workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

/** Whether any version (trashed or not) still points at these bytes. */
export async function blobReferenced(db: Kysely<DB>, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('document_versions').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  return row !== undefined;
}
