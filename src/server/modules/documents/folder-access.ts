import type { FolderAction } from '../../../shared/documents.js';
import { type Actor, authorize } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { HttpProblem, notFound } from '../../http/problems.js';
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

export const staleVersion = (what: 'folder' | 'document') =>
  new HttpProblem(
    412,
    'Precondition Failed',
    `Someone else changed this ${what} after you loaded it. Reload it to see their changes, then try again.`,
  );

/** `If-Match` against the current ETag; absent means "I do not care". */
export function assertCurrent(ifMatch: string | undefined, etag: string, what: 'folder' | 'document'): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const candidates = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!candidates.includes(etag)) throw staleVersion(what);
}
