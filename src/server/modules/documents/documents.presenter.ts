import { Type } from 'typebox';
import { DOCUMENT_ACTIONS, type DocumentAction, isPreviewable } from '../../../shared/documents.js';
import { type Actor, abilities } from '../../authz/index.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { PersonRefSchema } from '../directory/person-ref.js';
import { documentTarget, type LoadedDocument } from './document-access.js';
import type { DocumentRow, PersonRef, VersionRow } from './documents.repo.js';

export const DocumentSchema = Type.Object({
  id: IdSchema,
  workspaceId: IdSchema,
  folderId: IdSchema,
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String(),
  contentType: Type.String({ description: 'Detected from the bytes' }),
  previewable: Type.Boolean({ description: 'Shown inside the page through /preview' }),
  version: Type.Integer({ minimum: 1, description: 'Number of the current version' }),
  createdBy: Nullable(PersonRefSchema),
  updatedBy: Nullable(PersonRefSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  abilities: Type.Array(Type.Enum(DOCUMENT_ACTIONS)),
});

export const VersionSchema = Type.Object({
  id: IdSchema,
  number: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String(),
  contentType: Type.String(),
  uploadedBy: Nullable(PersonRefSchema),
  restoredFrom: Nullable(Type.Integer()),
  createdAt: TimestampSchema,
});

/** Reading only, while the workspace is archived. */
export function documentAbilities(actor: Actor, loaded: LoadedDocument): DocumentAction[] {
  const all = abilities(actor, 'document', documentTarget(loaded));
  if (loaded.workspace.status !== 'archived') return all;
  return all.filter((a) => a === 'read' || a === 'download' || a === 'read_versions' || a === 'access_report');
}

export function presentDocument(actor: Actor, loaded: LoadedDocument, person: (id: string | null) => PersonRef) {
  const d: DocumentRow = loaded.document;
  return {
    id: d.id,
    workspaceId: d.workspace_id,
    folderId: d.folder_id,
    name: d.name,
    size: d.size,
    sha256: d.sha256,
    contentType: d.content_type,
    previewable: isPreviewable(d.content_type),
    version: d.current_version,
    createdBy: person(d.created_by),
    updatedBy: person(d.updated_by),
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    abilities: documentAbilities(actor, loaded),
  };
}

export function presentVersion(v: VersionRow, person: (id: string | null) => PersonRef) {
  return {
    id: v.id,
    number: v.number,
    name: v.name,
    size: v.size,
    sha256: v.sha256,
    contentType: v.content_type,
    uploadedBy: person(v.uploaded_by),
    restoredFrom: v.restored_from,
    createdAt: v.created_at,
  };
}

export const documentEtag = (d: Pick<DocumentRow, 'id' | 'version'>) => `"${d.id}.${d.version}"`;
