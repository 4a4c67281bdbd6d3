import type { Kysely, Selectable } from 'kysely';
import type { DB, TopicsTable } from '../../db/schema.js';

export type TopicRow = Selectable<TopicsTable> & { workspace_count: number };

function selectTopics(db: Kysely<DB>) {
  return db
    .selectFrom('topics')
    .selectAll('topics')
    .select((eb) =>
      eb
        .selectFrom('workspaces')
        .select((w) => w.fn.countAll<string | number>().as('n'))
        .whereRef('workspaces.topic_id', '=', 'topics.id')
        .as('workspace_count'),
    );
}

const withCount = <R extends { workspace_count: string | number | null }>(row: R) => ({
  ...row,
  workspace_count: Number(row.workspace_count ?? 0),
});

export async function listTopics(db: Kysely<DB>): Promise<TopicRow[]> {
  const rows = await selectTopics(db)
    .orderBy((eb) => eb.fn('lower', ['topics.name']))
    .orderBy('topics.id')
    .execute();
  return rows.map(withCount);
}

export async function findTopic(db: Kysely<DB>, id: string): Promise<TopicRow | undefined> {
  const row = await selectTopics(db).where('topics.id', '=', id).executeTakeFirst();
  return row ? withCount(row) : undefined;
}

/** Another topic already called `name`, compared case-insensitively. */
export async function findTopicNameTaken(db: Kysely<DB>, name: string, exceptId?: string): Promise<boolean> {
  let select = db
    .selectFrom('topics')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)])));
  if (exceptId) select = select.where('id', '!=', exceptId);
  return (await select.executeTakeFirst()) !== undefined;
}

export async function insertTopic(db: Kysely<DB>, row: Selectable<TopicsTable>): Promise<void> {
  await db.insertInto('topics').values(row).execute();
}

export async function renameTopic(db: Kysely<DB>, id: string, name: string): Promise<void> {
  await db.updateTable('topics').set({ name }).where('id', '=', id).execute();
}

/** Its workspaces keep no topic (the foreign key sets theirs to null). */
export async function deleteTopic(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('topics').where('id', '=', id).execute();
}
