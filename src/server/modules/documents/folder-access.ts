import type { FolderAction } from '../../../shared/documents.js';
import { type Actor, authorize } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { findWorkspace, type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';
import { type FolderRow, findFolder, folderTarget } from './folders.repo.js';

export interface LoadedFolder {
  folder: FolderRow;
  workspace: WorkspaceRow;
}

/**
 * The first step of every use case on a folder: load it with its workspace, then authorize. A
 * trashed folder is reachable only through the trash.
 */
export async function loadFolder(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  id: string,
  action: FolderAction = 'read',
  options: { trashed?: boolean } = {},
): Promise<LoadedFolder> {
  const folder = await findFolder(ctx.db, id);
  if (!folder || (folder.deleted_at !== null) !== (options.trashed ?? false)) throw notFound();
  const workspace = await findWorkspace(ctx.db, folder.workspace_id);
  if (!workspace) throw notFound();
  authorize(actor, 'folder', action, folderTarget(folder, workspaceTarget(workspace)));
  return { folder, workspace };
}
