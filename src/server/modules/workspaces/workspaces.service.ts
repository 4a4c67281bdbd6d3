import { DEFAULT_GUEST_SETTINGS, type GuestSettings, type WorkspaceStatus } from '../../../shared/workspaces.js';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { assertIfMatch, preconditionFailed } from '../../http/preconditions.js';
import { conflict, invalid } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { assertChangeable, loadWorkspace } from './workspace-access.js';
import { presentWorkspace, presentWorkspaceSummary, workspaceEtag } from './workspaces.presenter.js';
import {
  type FieldInput,
  findWorkspace,
  guestSettingsColumns,
  guestSettingsOf,
  listFields,
  listVisibleWorkspaces,
  replaceFields,
} from './workspaces.repo.js';

export interface WorkspaceInput {
  name: string;
  description?: string;
  topicId?: string | null;
  fields?: FieldInput[];
  guestSettings?: Partial<GuestSettings>;
}

function cleanFields(fields: FieldInput[]): FieldInput[] {
  return fields.map((f, i) => {
    const label = f.label.trim();
    if (!label) throw invalid(`/fields/${i}/label`, 'must not be empty');
    return { label, value: f.value.trim(), visibility: f.visibility };
  });
}

async function assertTopic(ctx: AppContext, topicId: string | null | undefined): Promise<void> {
  if (!topicId) return;
  const topic = await ctx.db.selectFrom('topics').select('id').where('id', '=', topicId).executeTakeFirst();
  if (!topic) throw invalid('/topicId', 'is not a topic');
}

async function present(ctx: AppContext, actor: Actor, id: string) {
  const row = await findWorkspace(ctx.db, id);
  if (!row) throw new Error(`workspace ${id} vanished inside its own use case`);
  const fields = await listFields(ctx.db, id, actor.type === 'user' && actor.kind === 'guest');
  return { workspace: presentWorkspace(actor, row, fields), etag: workspaceEtag(row) };
}

export async function createWorkspace(ctx: AppContext, actor: Actor, input: WorkspaceInput, meta: RequestMeta) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'create_workspace', null);
  const name = input.name.trim();
  const fields = cleanFields(input.fields ?? []);
  await assertTopic(ctx, input.topicId);
  const id = newId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('workspaces')
      .values({
        id,
        name,
        description: input.description?.trim() ?? '',
        topic_id: input.topicId ?? null,
        status: 'active',
        ...guestSettingsColumns({ ...DEFAULT_GUEST_SETTINGS, ...input.guestSettings }),
        version: 1,
        created_by: caller.id,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    await replaceFields(trx, id, fields, newId);
    // The creator manages it; there is always at least one manager.
    await trx
      .insertInto('memberships')
      .values({
        workspace_id: id,
        user_id: caller.id,
        role: 'manager',
        status: 'active',
        sponsor_id: null,
        expires_at: null,
        reminder_sent_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'workspace.created',
      target: { type: 'workspace', id },
      workspaceId: id,
      ip: meta.ip,
      details: { name },
    });
  });
  const withMembership = { ...caller, memberships: new Map([...caller.memberships, [id, { role: 'manager' as const, expiresAt: null }]]) };
  return present(ctx, withMembership, id);
}

export async function listWorkspaces(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string; status?: WorkspaceStatus; topicId?: string; limit?: number; cursor?: string },
) {
  requireUser(actor);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['sortName', 'id']) : undefined;
  const q = query.q?.trim() || undefined;
  const rows = await listVisibleWorkspaces(ctx.db, actor, {
    limit,
    ...(q ? { q } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.topicId ? { topicId: query.topicId } : {}),
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentWorkspaceSummary(actor, row)),
    nextCursor: rows.length > limit && last ? encodeCursor({ sortName: last.sort_name, id: last.id }) : null,
  };
}

export async function getWorkspace(ctx: AppContext, actor: Actor, id: string) {
  await loadWorkspace(ctx, actor, id);
  return present(ctx, actor, id);
}

export async function updateWorkspace(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: Partial<WorkspaceInput>,
  ifMatch: string | undefined,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const { row } = await loadWorkspace(ctx, actor, id, 'update');
  assertChangeable(row);
  assertIfMatch(ifMatch, workspaceEtag(row), 'workspace');
  const fields = change.fields ? cleanFields(change.fields) : undefined;
  await assertTopic(ctx, change.topicId);
  const set = {
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(change.description !== undefined ? { description: change.description.trim() } : {}),
    ...(change.topicId !== undefined ? { topic_id: change.topicId } : {}),
    ...(change.guestSettings ? guestSettingsColumns({ ...guestSettingsOf(row), ...change.guestSettings }) : {}),
  };
  await ctx.db.transaction().execute(async (trx) => {
    // The version in the WHERE makes the check and the write one step: a concurrent change wins once.
    const result = await trx
      .updateTable('workspaces')
      .set({ ...set, version: row.version + 1, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw preconditionFailed('workspace');
    if (fields) await replaceFields(trx, id, fields, newId);
    await record(trx, {
      actorId: caller.id,
      action: 'workspace.updated',
      target: { type: 'workspace', id },
      workspaceId: id,
      ip: meta.ip,
      details: { changed: [...Object.keys(change)].sort() },
    });
  });
  return present(ctx, actor, id);
}

export async function setArchived(ctx: AppContext, actor: Actor, id: string, archived: boolean, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { row } = await loadWorkspace(ctx, actor, id, archived ? 'archive' : 'restore');
  if (archived) assertChangeable(row);
  else if (row.status !== 'archived') throw conflict('This workspace is not archived.');
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('workspaces')
      .set({ status: archived ? 'archived' : 'active', archived_at: archived ? now : null, version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: archived ? 'workspace.archived' : 'workspace.restored',
      target: { type: 'workspace', id },
      workspaceId: id,
      ip: meta.ip,
    });
  });
  return present(ctx, actor, id);
}
