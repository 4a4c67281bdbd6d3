import { Type } from 'typebox';
import { FOLDER_ACTIONS, FOLDER_VISIBILITIES, type FolderAction, GUEST_ACCESS_LEVELS } from '../../../shared/documents.js';
import { type Actor, abilities } from '../../authz/index.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';
import { type FolderRow, folderTarget } from './folders.repo.js';

export const PathSchema = Type.Array(Type.Object({ id: IdSchema, name: Type.String() }));

export const FolderSchema = Type.Object({
  id: IdSchema,
  workspaceId: IdSchema,
  parentId: Nullable(IdSchema),
  name: Type.String(),
  visibility: Type.Enum(FOLDER_VISIBILITIES, { description: 'Effective, after inheritance' }),
  guestAccess: Type.Enum(GUEST_ACCESS_LEVELS, { description: 'Effective, after inheritance' }),
  ownVisibility: Nullable(Type.Enum(FOLDER_VISIBILITIES, { description: 'null: inherited from the parent' })),
  ownGuestAccess: Nullable(Type.Enum(GUEST_ACCESS_LEVELS, { description: 'null: inherited from the parent' })),
  path: PathSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  abilities: Type.Array(Type.Enum(FOLDER_ACTIONS)),
});

/** What the caller may do with the folder; nothing but reading while the workspace is archived. */
export function folderAbilities(actor: Actor, folder: FolderRow, workspace: WorkspaceRow): FolderAction[] {
  const all = abilities(actor, 'folder', folderTarget(folder, workspaceTarget(workspace)));
  return workspace.status === 'archived' ? all.filter((a) => a === 'read') : all;
}

export function presentFolder(actor: Actor, folder: FolderRow, workspace: WorkspaceRow, path: { id: string; name: string }[]) {
  return {
    id: folder.id,
    workspaceId: folder.workspace_id,
    parentId: folder.parent_id,
    name: folder.name,
    visibility: folder.shared === 1 ? ('shared' as const) : ('internal' as const),
    guestAccess: folder.effective_guest_access,
    ownVisibility: folder.visibility,
    ownGuestAccess: folder.guest_access,
    path,
    createdAt: folder.created_at,
    updatedAt: folder.updated_at,
    abilities: folderAbilities(actor, folder, workspace),
  };
}

export const folderEtag = (folder: Pick<FolderRow, 'id' | 'version'>) => `"${folder.id}.${folder.version}"`;
