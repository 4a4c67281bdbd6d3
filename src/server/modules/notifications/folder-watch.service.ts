import { type Actor, requireUser } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { loadFolder } from '../documents/folder-access.js';

/** Whether I am told of uploads into this folder; anyone who may read the folder may watch it. */
export async function folderWatch(ctx: AppContext, actor: Actor, folderId: string) {
  const me = requireUser(actor);
  await loadFolder(ctx, actor, folderId, 'read');
  const row = await ctx.db
    .selectFrom('folder_watches')
    .select('user_id')
    .where('user_id', '=', me.id)
    .where('folder_id', '=', folderId)
    .executeTakeFirst();
  return { watching: row !== undefined };
}

export async function setFolderWatch(ctx: AppContext, actor: Actor, folderId: string, watching: boolean) {
  const me = requireUser(actor);
  await loadFolder(ctx, actor, folderId, 'read');
  if (watching)
    await ctx.db
      .insertInto('folder_watches')
      .values({ user_id: me.id, folder_id: folderId, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'folder_id']).doNothing())
      .execute();
  else await ctx.db.deleteFrom('folder_watches').where('user_id', '=', me.id).where('folder_id', '=', folderId).execute();
  return { watching };
}
