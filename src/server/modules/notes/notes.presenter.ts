import type { Selectable } from 'kysely';
import { Type } from 'typebox';
import { NOTE_ACTIONS, NOTE_VISIBILITIES, type NoteAction } from '../../../shared/notes.js';
import { type Actor, abilities } from '../../authz/index.js';
import type { NoteTarget } from '../../authz/policies/note.policy.js';
import type { NotesTable, NoteVersionsTable } from '../../db/schema.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { type PersonRef, PersonRefSchema } from '../directory/person-ref.js';
import { type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';

export type NoteRow = Selectable<NotesTable>;
export type NoteVersionRow = Selectable<NoteVersionsTable>;

export const NoteSummarySchema = Type.Object({
  id: IdSchema,
  workspaceId: IdSchema,
  title: Type.String(),
  visibility: Type.Enum(NOTE_VISIBILITIES),
  version: Type.Integer({ minimum: 1 }),
  updatedBy: Nullable(PersonRefSchema),
  updatedAt: TimestampSchema,
  abilities: Type.Array(Type.Enum(NOTE_ACTIONS)),
});

export const NoteSchema = Type.Object({
  ...NoteSummarySchema.properties,
  body: Type.String({ description: 'Markdown as written; render it sanitised' }),
  createdBy: Nullable(PersonRefSchema),
  createdAt: TimestampSchema,
});

export const NoteVersionSchema = Type.Object({
  id: IdSchema,
  number: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  body: Type.String(),
  visibility: Type.Enum(NOTE_VISIBILITIES),
  editedBy: Nullable(PersonRefSchema),
  restoredFrom: Nullable(Type.Integer()),
  createdAt: TimestampSchema,
});

export function noteTarget(note: Pick<NoteRow, 'id' | 'visibility'>, workspace: WorkspaceRow): NoteTarget {
  return { id: note.id, workspace: workspaceTarget(workspace), visibility: note.visibility };
}

/** Reading only, while the workspace is archived. */
export function noteAbilities(actor: Actor, note: NoteRow, workspace: WorkspaceRow): NoteAction[] {
  const all = abilities(actor, 'note', noteTarget(note, workspace));
  return workspace.status === 'archived' ? all.filter((a) => a === 'read' || a === 'read_history') : all;
}

export function presentNoteSummary(actor: Actor, note: NoteRow, workspace: WorkspaceRow, person: (id: string | null) => PersonRef) {
  return {
    id: note.id,
    workspaceId: note.workspace_id,
    title: note.title,
    visibility: note.visibility,
    version: note.version,
    updatedBy: person(note.updated_by),
    updatedAt: note.updated_at,
    abilities: noteAbilities(actor, note, workspace),
  };
}

export function presentNote(actor: Actor, note: NoteRow, workspace: WorkspaceRow, person: (id: string | null) => PersonRef) {
  return {
    ...presentNoteSummary(actor, note, workspace, person),
    body: note.body,
    createdBy: person(note.created_by),
    createdAt: note.created_at,
  };
}

export function presentNoteVersion(v: NoteVersionRow, person: (id: string | null) => PersonRef) {
  return {
    id: v.id,
    number: v.number,
    title: v.title,
    body: v.body,
    visibility: v.visibility,
    editedBy: person(v.edited_by),
    restoredFrom: v.restored_from,
    createdAt: v.created_at,
  };
}

export const noteEtag = (n: Pick<NoteRow, 'id' | 'version'>) => `"${n.id}.${n.version}"`;
