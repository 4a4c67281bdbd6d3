import { Type } from 'typebox';
import type { Actor } from '../../authz/actor.js';
import { can } from '../../authz/index.js';
import { IdSchema } from '../../http/schemas.js';
import type { TopicRow } from './topics.repo.js';

export const TopicSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  workspaceCount: Type.Integer({ minimum: 0, description: 'Workspaces filed under this topic, archived ones included' }),
  abilities: Type.Array(Type.Enum(['read', 'update', 'delete'])),
});

export type TopicAbility = 'read' | 'update' | 'delete';

/** Topics are part of the catalog: the organization policy decides for all of them at once. */
export function topicAbilities(actor: Actor): TopicAbility[] {
  if (!can(actor, 'organization', 'read_catalog', null)) return [];
  return can(actor, 'organization', 'manage_extranet', null) ? ['read', 'update', 'delete'] : ['read'];
}

export function presentTopic(actor: Actor, row: TopicRow) {
  return { id: row.id, name: row.name, workspaceCount: row.workspace_count, abilities: topicAbilities(actor) };
}
