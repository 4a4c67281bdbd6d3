import { type Actor, can } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { findWorkspace, type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';

/**
 * The workspace of something in the trash, for someone who may read that trash. For anyone else
 * a trashed item does not exist: 404, never a hint that the id is real.
 */
export async function trashOf(ctx: Pick<AppContext, 'db'>, actor: Actor, workspaceId: string): Promise<WorkspaceRow> {
  const workspace = await findWorkspace(ctx.db, workspaceId);
  if (!workspace || !can(actor, 'workspace', 'read_trash', workspaceTarget(workspace))) throw notFound();
  return workspace;
}
