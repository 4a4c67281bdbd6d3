import type { Kysely } from 'kysely';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { serialize } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { HttpProblem, notFound } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import { presentTopic } from './topics.presenter.js';
import { deleteTopic, findTopic, findTopicNameTaken, insertTopic, listTopics, renameTopic, type TopicRow } from './topics.repo.js';

const nameTaken = () =>
  new HttpProblem(409, 'Conflict', 'A topic with this name already exists.', [
    { path: '/name', message: 'A topic with this name already exists.' },
  ]);

async function load(db: Kysely<DB>, id: string): Promise<TopicRow> {
  const row = await findTopic(db, id);
  if (!row) throw notFound();
  return row;
}

/**
 * Guests may not browse the catalog at all (403 whatever the id); employees learn whether a topic
 * exists (404) before whether they may change it (403).
 */
async function loadForChange(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'organization', 'read_catalog', null);
  await load(ctx.db, id);
  authorize(actor, 'organization', 'manage_extranet', null);
}

export async function listAllTopics(ctx: AppContext, actor: Actor) {
  authorize(actor, 'organization', 'read_catalog', null);
  const rows = await listTopics(ctx.db);
  return { items: rows.map((row) => presentTopic(actor, row)), nextCursor: null };
}

export async function createTopic(ctx: AppContext, actor: Actor, input: { name: string }, meta: RequestMeta) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'manage_extranet', null);
  const name = input.name.trim();
  const id = newId();
  const row = await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, 'topic-names');
    if (await findTopicNameTaken(trx, name)) throw nameTaken();
    await insertTopic(trx, { id, name, created_at: new Date().toISOString() });
    await record(trx, { actorId: caller.id, action: 'topic.created', target: { type: 'topic', id }, ip: meta.ip, details: { name } });
    return load(trx, id);
  });
  return presentTopic(actor, row);
}

export async function updateTopic(ctx: AppContext, actor: Actor, id: string, change: { name: string }, meta: RequestMeta) {
  const caller = requireUser(actor);
  await loadForChange(ctx, actor, id);
  const name = change.name.trim();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    if (before.name === name) return before;
    await serialize(trx, 'topic-names');
    if (await findTopicNameTaken(trx, name, id)) throw nameTaken();
    await renameTopic(trx, id, name);
    await record(trx, {
      actorId: caller.id,
      action: 'topic.renamed',
      target: { type: 'topic', id },
      ip: meta.ip,
      details: { from: before.name, to: name },
    });
    return load(trx, id);
  });
  return presentTopic(actor, row);
}

export async function removeTopic(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta): Promise<void> {
  const caller = requireUser(actor);
  await loadForChange(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    await deleteTopic(trx, id);
    await record(trx, {
      actorId: caller.id,
      action: 'topic.deleted',
      target: { type: 'topic', id },
      ip: meta.ip,
      details: { name: row.name, workspaceCount: row.workspace_count },
    });
  });
}
