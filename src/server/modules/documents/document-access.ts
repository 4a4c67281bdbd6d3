import type { DocumentAction } from '../../../shared/documents.js';
import { type Actor, authorize } from '../../authz/index.js';
import type { DocumentTarget } from '../../authz/policies/document.policy.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { findWorkspace, type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';
import { type DocumentRow, findDocument } from './documents.repo.js';
import { type FolderRow, findFolder, folderTarget } from './folders.repo.js';

export interface LoadedDocument {
  document: DocumentRow;
  folder: FolderRow;
  workspace: WorkspaceRow;
}

export function documentTarget(loaded: LoadedDocument): DocumentTarget {
  return {
    id: loaded.document.id,
    folder: folderTarget(loaded.folder, workspaceTarget(loaded.workspace)),
    createdBy: loaded.document.created_by,
  };
}

/** Load a document with its folder and workspace, then authorize; a trashed one only through the trash. */
export async function loadDocument(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  action: DocumentAction = 'read',
  options: { trashed?: boolean } = {},
): Promise<LoadedDocument> {
  const document = await findDocument(ctx.db, id);
  if (!document || (document.deleted_at !== null) !== (options.trashed ?? false)) throw notFound();
  const folder = await findFolder(ctx.db, document.folder_id);
  const workspace = folder && (await findWorkspace(ctx.db, folder.workspace_id));
  // A live document in a trashed folder should never exist; if one ever does, it is not reachable either.
  if (!folder || !workspace || (!options.trashed && folder.deleted_at !== null)) throw notFound();
  const loaded = { document, folder, workspace };
  authorize(actor, 'document', action, documentTarget(loaded));
  return loaded;
}
