import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { FieldVisibility, GuestSettings, WorkspaceStatus } from '../../../shared/workspaces.js';
import { type Actor, governsExtranet, type UserActor } from '../../authz/actor.js';
import type { WorkspaceTarget } from '../../authz/policies/workspace.policy.js';
import { visibleWorkspaces } from '../../authz/scope.js';
import { prepared } from '../../db/prepared.js';
import type { DB, WorkspaceFieldsTable, WorkspacesTable } from '../../db/schema.js';
import { containsText } from '../../lib/like.js';

export type WorkspaceRow = Selectable<WorkspacesTable> & { topic_name: string | null };
export type FieldRow = Selectable<WorkspaceFieldsTable>;

function selectWorkspaces(db: Kysely<DB>) {
  return db
    .selectFrom('workspaces')
    .leftJoin('topics', 'topics.id', 'workspaces.topic_id')
    .selectAll('workspaces')
    .select('topics.name as topic_name');
}

export async function findWorkspace(db: Kysely<DB>, id: string): Promise<WorkspaceRow | undefined> {
  return selectWorkspaces(db).where('workspaces.id', '=', id).executeTakeFirst();
}

/** Several workspaces in one query (for lists of things that live in different workspaces). */
export async function findWorkspaces(db: Kysely<DB>, ids: string[]): Promise<WorkspaceRow[]> {
  if (ids.length === 0) return [];
  return selectWorkspaces(db).where('workspaces.id', 'in', ids).execute();
}

export type GuestSettingColumns = Pick<
  WorkspacesTable,
  'guests_can_upload' | 'guests_can_create_tasks' | 'guests_can_comment' | 'guests_can_see_members' | 'guests_can_invite'
>;

export function guestSettingsOf(row: GuestSettingColumns): GuestSettings {
  return {
    upload: row.guests_can_upload === 1,
    createTasks: row.guests_can_create_tasks === 1,
    comment: row.guests_can_comment === 1,
    seeMembers: row.guests_can_see_members === 1,
    invite: row.guests_can_invite === 1,
  };
}

export function guestSettingsColumns(settings: GuestSettings) {
  return {
    guests_can_upload: settings.upload ? 1 : 0,
    guests_can_create_tasks: settings.createTasks ? 1 : 0,
    guests_can_comment: settings.comment ? 1 : 0,
    guests_can_see_members: settings.seeMembers ? 1 : 0,
    guests_can_invite: settings.invite ? 1 : 0,
  };
}

/** What the policies need to know about a workspace. */
export function workspaceTarget(row: Selectable<WorkspacesTable>): WorkspaceTarget {
  return { id: row.id, status: row.status, guestSettings: guestSettingsOf(row) };
}

/** Item details in their order; `guestsOnly` leaves out internal ones (the filter lives here, not in the UI). */
export async function listFields(db: Kysely<DB>, workspaceId: string, guestsOnly: boolean): Promise<FieldRow[]> {
  let query = db.selectFrom('workspace_fields').selectAll().where('workspace_id', '=', workspaceId);
  if (guestsOnly) query = query.where('visibility', '=', 'guests');
  return query.orderBy('position').execute();
}

export interface FieldInput {
  label: string;
  value: string;
  visibility: FieldVisibility;
}

export async function replaceFields(db: Kysely<DB>, workspaceId: string, fields: FieldInput[], newId: () => string): Promise<void> {
  await db.deleteFrom('workspace_fields').where('workspace_id', '=', workspaceId).execute();
  if (fields.length === 0) return;
  await db
    .insertInto('workspace_fields')
    .values(fields.map((f, position) => ({ id: newId(), workspace_id: workspaceId, position, ...f })))
    .execute();
}

export interface WorkspaceListQuery {
  q?: string;
  status?: WorkspaceStatus;
  topicId?: string;
  limit: number;
  after?: { sortName: string; id: string };
}

const sortName = (eb: ExpressionBuilder<DB, 'workspaces'>) => eb.fn<string>('lower', ['workspaces.name']);

/** Up to this many memberships, a member's first page is read by id and can be served from the read cache. */
const BY_ID_LIMIT = 64;

/**
 * The first page of a member's workspaces, the list every guest home opens with. The actor already
 * holds the workspaces they may enter at this request (end dates checked), so the page is read by
 * those ids: the answer then depends on nothing but the data and can come from the read cache.
 * Compiled once per number of ids and page size (building costs more than running), with the size
 * written into the SQL, since SQLite sorts a bound LIMIT several times slower.
 */
const firstPages = new Map<string, ReturnType<typeof firstPageQuery>>();
const firstPageQuery = (ids: number, limit: number) => {
  // Written into the SQL text, so it must be a plain count whatever a caller let through.
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`a page size must be a whole number, not ${limit}`);
  return prepared(
    ids + 2,
    (db, status1: string, status2: string, ...workspaceIds: string[]) =>
      selectWorkspaces(db)
        .select((eb) => sortName(eb).as('sort_name'))
        .where('workspaces.id', 'in', workspaceIds)
        .where('workspaces.status', 'in', [status1, status2] as WorkspaceStatus[])
        .orderBy(sortName)
        .orderBy('workspaces.id')
        .limit(sql.lit(limit)),
    { memo: true },
  );
};

// The actor's memberships map is itself reused from the read cache, so its sorted ids can be too.
const sortedIdsOf = new WeakMap<UserActor['memberships'], readonly string[]>();

function firstPageOfMember(db: Kysely<DB>, actor: UserActor, statuses: [string, string], limit: number) {
  let ids = sortedIdsOf.get(actor.memberships);
  if (!ids) {
    ids = [...actor.memberships.keys()].sort();
    sortedIdsOf.set(actor.memberships, ids);
  }
  if (ids.length === 0) return Promise.resolve([]);
  const key = `${ids.length}:${limit}`;
  let page = firstPages.get(key);
  if (!page) {
    page = firstPageQuery(ids.length, limit);
    firstPages.set(key, page);
  }
  return page(db, ...statuses, ...ids);
}

/** One query, scoped to the workspaces the caller may enter, by name then id for stable cursor paging. */
export async function listVisibleWorkspaces(db: Kysely<DB>, actor: Actor, query: WorkspaceListQuery) {
  const simple = !query.q && !query.topicId && !query.after;
  if (simple && actor.type === 'user' && !governsExtranet(actor) && actor.memberships.size <= BY_ID_LIMIT) {
    const statuses: [string, string] = query.status ? [query.status, query.status] : ['active', 'archived'];
    return firstPageOfMember(db, actor, statuses, query.limit + 1);
  }
  let select = selectWorkspaces(db)
    .select((eb) => sortName(eb).as('sort_name'))
    .where(visibleWorkspaces(actor));
  if (query.status) select = select.where('workspaces.status', '=', query.status);
  if (query.topicId) select = select.where('workspaces.topic_id', '=', query.topicId);
  if (query.q) select = select.where(containsText('workspaces.name', query.q));
  if (query.after) {
    const { sortName, id } = query.after;
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['workspaces.name']), '>', sortName),
        eb.and([eb(eb.fn('lower', ['workspaces.name']), '=', sortName), eb('workspaces.id', '>', id)]),
      ]),
    );
  }
  return select
    .orderBy(sortName)
    .orderBy('workspaces.id')
    .limit(query.limit + 1)
    .execute();
}
