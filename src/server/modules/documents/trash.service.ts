import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { TRASH_RETENTION_DAYS } from '../../../shared/documents.js';
import { record } from '../../audit/record.js';
import { type Actor, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { IdSchema, TimestampSchema } from '../../http/schemas.js';
import { PersonRefSchema, peopleFor } from '../directory/person-ref.js';
import { assertChangeable, loadWorkspace } from '../workspaces/workspace-access.js';
import { PathSchema } from './folders.presenter.js';
import { pathsIn } from './folders.repo.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The newest items; emptying the trash (or the purge) makes room for the rest. */
const TRASH_LIST_LIMIT = 1000;
const purgeAt = (deletedAt: string) => new Date(Date.parse(deletedAt) + TRASH_RETENTION_DAYS * DAY_MS).toISOString();

export const TrashItemSchema = Type.Object({
  kind: Type.Union([Type.Literal('folder'), Type.Literal('document')]),
  id: IdSchema,
  name: Type.String(),
  path: PathSchema,
  deletedAt: TimestampSchema,
  deletedBy: Type.Union([PersonRefSchema, Type.Null()]),
  purgeAt: TimestampSchema,
});

/** What was trashed on its own (not what went along with a folder), newest first, at most 1,000. */
export async function listTrash(ctx: AppContext, actor: Actor, workspaceId: string) {
  await loadWorkspace(ctx, actor, workspaceId, 'read_trash');
  const [folders, documents] = await Promise.all([
    ctx.db
      .selectFrom('folders')
      .select(['id', 'name', 'parent_id', 'deleted_at', 'deleted_by'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is not', null)
      .whereRef('trash_root_id', '=', 'id')
      .execute(),
    ctx.db
      .selectFrom('documents')
      .select(['id', 'name', 'folder_id', 'deleted_at', 'deleted_by'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is not', null)
      .whereRef('trash_root_id', '=', 'id')
      .execute(),
  ]);
  const person = await peopleFor(
    ctx.db,
    actor,
    [...folders, ...documents].map((r) => r.deleted_by),
  );
  const items = [
    ...folders.map((f) => ({
      kind: 'folder' as const,
      id: f.id,
      name: f.name,
      at: f.deleted_at as string,
      by: f.deleted_by,
      parent: f.parent_id,
    })),
    ...documents.map((d) => ({
      kind: 'document' as const,
      id: d.id,
      name: d.name,
      at: d.deleted_at as string,
      by: d.deleted_by,
      parent: d.folder_id as string | null,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const pathOf = await pathsIn(ctx.db, workspaceId);
  return {
    items: items.slice(0, TRASH_LIST_LIMIT).map((i) => ({
      kind: i.kind,
      id: i.id,
      name: i.name,
      path: pathOf(i.parent),
      deletedAt: i.at,
      deletedBy: person(i.by),
      purgeAt: purgeAt(i.at),
    })),
  };
}

/** Removes trashed rows for good; their bytes, unreferenced now, go with the next cleanup sweep. */
async function purge(trx: Kysely<DB>, filter: { workspaceId?: string; deletedBefore?: string }) {
  let documents = trx.deleteFrom('documents').where('deleted_at', 'is not', null);
  let folders = trx.deleteFrom('folders').where('deleted_at', 'is not', null);
  if (filter.workspaceId) {
    documents = documents.where('workspace_id', '=', filter.workspaceId);
    folders = folders.where('workspace_id', '=', filter.workspaceId);
  }
  if (filter.deletedBefore) {
    documents = documents.where('deleted_at', '<', filter.deletedBefore);
    folders = folders.where('deleted_at', '<', filter.deletedBefore);
  }
  const d = await documents.executeTakeFirst();
  const f = await folders.executeTakeFirst();
  return { documents: Number(d.numDeletedRows), folders: Number(f.numDeletedRows) };
}

export async function emptyTrash(ctx: AppContext, actor: Actor, workspaceId: string, meta: RequestMeta) {
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'empty_trash');
  assertChangeable(workspace);
  await ctx.db.transaction().execute(async (trx) => {
    const purged = await purge(trx, { workspaceId });
    await record(trx, {
      actorId: requireUser(actor).id,
      action: 'trash.emptied',
      target: { type: 'workspace', id: workspaceId },
      workspaceId,
      ip: meta.ip,
      details: purged,
    });
  });
}

/** The job: everything trashed more than the retention period ago. */
export async function purgeExpiredTrash(ctx: AppContext, now = new Date()) {
  const deletedBefore = new Date(now.getTime() - TRASH_RETENTION_DAYS * DAY_MS).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const purged = await purge(trx, { deletedBefore });
    if (purged.documents + purged.folders > 0) await record(trx, { actorId: null, action: 'trash.purged', details: purged });
    return purged;
  });
}
