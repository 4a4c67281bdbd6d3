import type { WorkspaceAction } from '../../../shared/workspaces.js';
import { type Actor, authorize } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { conflict, notFound } from '../../http/problems.js';
import { findWorkspace, type WorkspaceRow, workspaceTarget } from './workspaces.repo.js';

/**
 * The first step of every use case inside a workspace (members, invitations and, later, content):
 * load it, then authorize. A workspace the caller may not enter answers exactly like a missing one.
 */
export async function loadWorkspace(ctx: Pick<AppContext, 'db'>, actor: Actor, id: string, action: WorkspaceAction = 'read') {
  const row = await findWorkspace(ctx.db, id);
  if (!row) throw notFound();
  const target = workspaceTarget(row);
  authorize(actor, 'workspace', action, target);
  return { row, target };
}

/** An archived workspace is read-only for everyone until it is restored. */
export function assertChangeable(row: Pick<WorkspaceRow, 'status'>): void {
  if (row.status === 'archived') throw conflict('This workspace is archived and read-only. Restore it to make changes.');
}
