import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { visibleActivities, visibleComments, visibleDocuments, visibleFolders, visibleNotes, visibleTasks } from '../../authz/scope.js';
import type { DB } from '../../db/schema.js';

export type StreamTargetType = 'task' | 'note' | 'activity' | 'document' | 'folder';

export interface StreamTarget {
  type: StreamTargetType;
  id: string;
  title: string;
}

type Titles = Map<string, string>;
type Lookup = (db: Kysely<DB>, actor: Actor, workspaceId: string, ids: string[]) => Promise<Titles>;

/** Tasks, notes and activities share their shape: id, title, workspace, visibility. */
function titledItems(table: 'tasks' | 'notes' | 'activities', scope: typeof visibleTasks): Lookup {
  return async (db, actor, workspaceId, ids) => {
    const rows = await db
      // The name is the table's at run time; the row shape is the same for the three.
      .selectFrom(table as 'tasks')
      .select(['id', 'title'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .where(scope(actor))
      .execute();
    return new Map(rows.map((r) => [r.id, r.title]));
  };
}

/**
 * The items of a workspace the reader may see right now, by id, with their current title: the same
 * scoped queries as the lists, so the stream never names an internal or trashed item to a guest.
 */
const lookups: Record<StreamTargetType, Lookup> = {
  task: titledItems('tasks', visibleTasks),
  note: titledItems('notes', visibleNotes as unknown as typeof visibleTasks),
  activity: titledItems('activities', visibleActivities as unknown as typeof visibleTasks),
  async document(db, actor, workspaceId, ids) {
    const rows = await db
      .selectFrom('documents')
      .innerJoin('folders', 'folders.id', 'documents.folder_id')
      .select(['documents.id', 'documents.name'])
      .where('documents.workspace_id', '=', workspaceId)
      .where('documents.id', 'in', ids)
      .where('documents.deleted_at', 'is', null)
      .where(visibleDocuments(actor))
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
  async folder(db, actor, workspaceId, ids) {
    const rows = await db
      .selectFrom('folders')
      .select(['folders.id', 'folders.name'])
      .where('folders.workspace_id', '=', workspaceId)
      .where('folders.id', 'in', ids)
      .where('folders.deleted_at', 'is', null)
      .where(visibleFolders(actor))
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};

export const isStreamTargetType = (type: string): type is StreamTargetType => Object.hasOwn(lookups, type);

/** The visible ones among `refs`, keyed `type:id`. */
export async function visibleTargets(
  db: Kysely<DB>,
  actor: Actor,
  workspaceId: string,
  refs: readonly { type: StreamTargetType; id: string }[],
): Promise<Map<string, StreamTarget>> {
  const found = new Map<string, StreamTarget>();
  const byType = new Map<StreamTargetType, Set<string>>();
  for (const ref of refs) byType.set(ref.type, (byType.get(ref.type) ?? new Set()).add(ref.id));
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const titles = await lookups[type](db, actor, workspaceId, [...ids]);
      for (const [id, title] of titles) found.set(`${type}:${id}`, { type, id, title });
    }),
  );
  return found;
}

/**
 * Comments by id (live ones, or deleted ones too with `deleted`), with the item each is on; for
 * guests only those written while they could see it.
 */
export async function commentParents(db: Kysely<DB>, actor: Actor, ids: readonly string[], options: { deleted?: boolean } = {}) {
  if (ids.length === 0) return new Map<string, { type: string; id: string }>();
  let query = db
    .selectFrom('comments')
    .select(['id', 'target_type', 'target_id'])
    .where('id', 'in', [...ids])
    .where(visibleComments(actor));
  if (!options.deleted) query = query.where('deleted_at', 'is', null);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.id, { type: r.target_type, id: r.target_id }]));
}
