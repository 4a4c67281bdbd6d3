import { Type } from 'typebox';
import { FIELD_VISIBILITIES, MEMBER_ROLES, WORKSPACE_STATUSES, type WorkspaceAction } from '../../../shared/workspaces.js';
import { type Actor, abilities } from '../../authz/index.js';
import { WORKSPACE_CHANGES } from '../../authz/policies/workspace.policy.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { type FieldRow, guestSettingsOf, type WorkspaceRow, workspaceTarget } from './workspaces.repo.js';

export const GuestSettingsSchema = Type.Object({
  upload: Type.Boolean(),
  createTasks: Type.Boolean(),
  comment: Type.Boolean(),
  seeMembers: Type.Boolean(),
  invite: Type.Boolean(),
});

export const FieldSchema = Type.Object({
  id: IdSchema,
  label: Type.String(),
  value: Type.String(),
  visibility: Type.Enum(FIELD_VISIBILITIES),
});

/** A workspace mentioned by something in it (a task in "My tasks"). */
export const WorkspaceRefSchema = Type.Object({ id: IdSchema, name: Type.String() });

const TopicRefSchema = Nullable(Type.Object({ id: IdSchema, name: Type.String() }));

export const WorkspaceSummarySchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  description: Type.String(),
  topic: TopicRefSchema,
  status: Type.Enum(WORKSPACE_STATUSES),
  myRole: Nullable(Type.Enum(MEMBER_ROLES)),
  updatedAt: TimestampSchema,
  abilities: Type.Array(Type.String()),
});

export const WorkspaceSchema = Type.Object({
  ...WorkspaceSummarySchema.properties,
  fields: Type.Array(FieldSchema),
  guestSettings: GuestSettingsSchema,
  createdAt: TimestampSchema,
  archivedAt: Nullable(TimestampSchema),
});

/**
 * What this caller may do here, as the UI should offer it: nothing that changes an archived
 * workspace, and no invitation while the extranet is closed.
 */
export function workspaceAbilities(actor: Actor, row: WorkspaceRow): WorkspaceAction[] {
  const all = abilities(actor, 'workspace', workspaceTarget(row));
  const extranetOpen = actor.type === 'user' && actor.rules.enabled;
  return all.filter(
    (a) =>
      !(row.status === 'archived' && WORKSPACE_CHANGES.includes(a)) &&
      !(row.status === 'active' && a === 'restore') &&
      !((a === 'invite' || a === 'invite_employees') && !extranetOpen),
  );
}

export function presentWorkspaceSummary(actor: Actor, row: WorkspaceRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    topic: row.topic_id && row.topic_name !== null ? { id: row.topic_id, name: row.topic_name } : null,
    status: row.status,
    myRole: actor.type === 'user' ? (actor.memberships.get(row.id)?.role ?? null) : null,
    updatedAt: row.updated_at,
    abilities: workspaceAbilities(actor, row),
  };
}

export function presentWorkspace(actor: Actor, row: WorkspaceRow, fields: FieldRow[]) {
  return {
    ...presentWorkspaceSummary(actor, row),
    fields: fields.map((f) => ({ id: f.id, label: f.label, value: f.value, visibility: f.visibility })),
    guestSettings: guestSettingsOf(row),
    createdAt: row.created_at,
    archivedAt: row.archived_at,
  };
}

/** Strong validator of one version of a workspace; `If-Match` compares against it. */
export const workspaceEtag = (row: Pick<WorkspaceRow, 'id' | 'version'>) => `"${row.id}.${row.version}"`;
