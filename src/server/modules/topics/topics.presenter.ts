import { Type } from 'typebox';
import { type Actor, governsExtranet } from '../../authz/actor.js';
import { can } from '../../authz/index.js';
import { IdSchema } from '../../http/schemas.js';
import type { TopicRow } from './topics.repo.js';

export const TopicSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  workspaceCount: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'Workspaces filed under this topic, archived ones included (for those who govern the extranet)',
    }),
  ),
  abilities: Type.Array(Type.Enum(['read', 'update', 'delete'])),
});

export type TopicAbility = 'read' | 'update' | 'delete';

/** Topics are part of the catalog: the organization policy decides for all of them at once. */
export function topicAbilities(actor: Actor): TopicAbility[] {
  if (!can(actor, 'organization', 'read_catalog', null)) return [];
  return can(actor, 'organization', 'manage_extranet', null) ? ['read', 'update', 'delete'] : ['read'];
}

export function presentTopic(actor: Actor, row: TopicRow) {
  // Counts include workspaces the caller may not enter: only those who see every workspace get them.
  return {
    id: row.id,
    name: row.name,
    ...(governsExtranet(actor) ? { workspaceCount: row.workspace_count } : {}),
    abilities: topicAbilities(actor),
  };
}
