import type { Kysely, Selectable } from 'kysely';
import type { FolderVisibility, GuestAccess } from '../../../shared/documents.js';
import type { Actor } from '../../authz/actor.js';
import { type FolderTarget, openToGuests } from '../../authz/policies/folder.policy.js';
import type { WorkspaceTarget } from '../../authz/policies/workspace.policy.js';
import { visibleFolders } from '../../authz/scope.js';
import type { DB, FoldersTable } from '../../db/schema.js';

export type FolderRow = Selectable<FoldersTable>;

export const nameKey = (name: string) => name.toLocaleLowerCase('und');

export async function findFolder(db: Kysely<DB>, id: string): Promise<FolderRow | undefined> {
  return db.selectFrom('folders').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Whether guests could see nothing in this folder as it is now: what happens in it meanwhile is
 * recorded as internal and stays kept from them after the folder opens up (as with tasks and notes).
 */
export function hiddenFromGuests(folder: Pick<FolderRow, 'shared' | 'effective_guest_access'>): boolean {
  return !openToGuests({ shared: folder.shared === 1, guestAccess: folder.effective_guest_access });
}

export function folderTarget(row: FolderRow, workspace: WorkspaceTarget): FolderTarget {
  return { id: row.id, workspace, shared: row.shared === 1, guestAccess: row.effective_guest_access };
}

interface Effective {
  shared: boolean;
  guestAccess: GuestAccess;
}

/**
 * A folder's effective settings from its own and its parent's: its own setting wins, null inherits,
 * and nothing below an internal folder, or below one guests cannot enter, opens up to guests.
 */
export function effectiveSettings(
  own: { visibility: FolderVisibility | null; guestAccess: GuestAccess | null },
  parent: Effective | null,
): Effective {
  const shared = parent === null ? own.visibility === 'shared' : parent.shared && (own.visibility ?? 'shared') === 'shared';
  if (!shared) return { shared, guestAccess: 'none' };
  if (parent?.guestAccess === 'none') return { shared, guestAccess: 'none' };
  return { shared, guestAccess: own.guestAccess ?? parent?.guestAccess ?? 'view' };
}

type TreeRow = Pick<FolderRow, 'id' | 'parent_id' | 'name' | 'visibility' | 'guest_access' | 'shared' | 'effective_guest_access'>;

async function workspaceTree(db: Kysely<DB>, workspaceId: string): Promise<Map<string, TreeRow>> {
  const rows = await db
    .selectFrom('folders')
    .select(['id', 'parent_id', 'name', 'visibility', 'guest_access', 'shared', 'effective_guest_access'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Recomputes the effective settings of every folder in the workspace; writes only those that changed. */
export async function refreshEffectiveSettings(trx: Kysely<DB>, workspaceId: string): Promise<void> {
  const tree = await workspaceTree(trx, workspaceId);
  const children = new Map<string | null, TreeRow[]>();
  for (const row of tree.values()) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row]);
  const walk = async (parentId: string | null, parent: Effective | null) => {
    for (const row of children.get(parentId) ?? []) {
      const effective = effectiveSettings({ visibility: row.visibility, guestAccess: row.guest_access }, parent);
      if ((row.shared === 1) !== effective.shared || row.effective_guest_access !== effective.guestAccess) {
        await trx
          .updateTable('folders')
          .set({ shared: effective.shared ? 1 : 0, effective_guest_access: effective.guestAccess })
          .where('id', '=', row.id)
          .execute();
      }
      await walk(row.id, effective);
    }
  };
  await walk(null, null);
}

/** Ancestors of a folder, top first; stops at a cycle rather than looping. */
export async function ancestorsOf(db: Kysely<DB>, workspaceId: string, folderId: string | null): Promise<{ id: string; name: string }[]> {
  if (folderId === null) return [];
  return pathIn(await workspaceTree(db, workspaceId), folderId);
}

/** One read of the workspace's folders, then the path of any folder in it: for lists of many items. */
export async function pathsIn(db: Kysely<DB>, workspaceId: string): Promise<(folderId: string | null) => { id: string; name: string }[]> {
  const tree = await workspaceTree(db, workspaceId);
  return (folderId) => (folderId === null ? [] : pathIn(tree, folderId));
}

function pathIn(tree: Map<string, TreeRow>, folderId: string): { id: string; name: string }[] {
  const path: { id: string; name: string }[] = [];
  const seen = new Set<string>();
  let current = tree.get(folderId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift({ id: current.id, name: current.name });
    current = current.parent_id ? tree.get(current.parent_id) : undefined;
  }
  return path;
}

/** Whether a live sibling (same parent, same name regardless of case) already has this name. */
export async function siblingNameTaken(
  db: Kysely<DB>,
  workspaceId: string,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('folders')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name_key', '=', nameKey(name))
    .where('deleted_at', 'is', null);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Live folders directly under `parentId` (null: the workspace's top level) that the caller may enter, by name. */
export async function listChildFolders(db: Kysely<DB>, actor: Actor, workspaceId: string, parentId: string | null): Promise<FolderRow[]> {
  let query = db
    .selectFrom('folders')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where(visibleFolders(actor));
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  return query.orderBy('name_key').orderBy('id').limit(1000).execute();
}

/** The folder and all folders below it, trashed ones included. */
export async function subtreeIds(db: Kysely<DB>, workspaceId: string, rootId: string): Promise<string[]> {
  const children = new Map<string, string[]>();
  for (const row of (await workspaceTree(db, workspaceId)).values()) {
    if (row.parent_id) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  }
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) ids.push(...(children.get(ids[i] as string) ?? []));
  return ids;
}
