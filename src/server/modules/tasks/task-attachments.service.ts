import { record } from '../../audit/record.js';
import { type Actor, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { serialize } from '../../db/locks.js';
import { HttpProblem, invalid, notFound } from '../../http/problems.js';
import { loadDocument } from '../documents/document-access.js';
import { assertChangeable } from '../workspaces/workspace-access.js';
import { touchTask } from './tasks.repo.js';
import { loadTask, presentLoaded } from './tasks.service.js';

export const MAX_ATTACHMENTS = 50;

/** A document of the task's workspace that the caller may read; any other answer reveals nothing. */
async function readableDocument(ctx: AppContext, actor: Actor, documentId: string, workspaceId: string) {
  try {
    const loaded = await loadDocument(ctx, actor, documentId);
    if (loaded.workspace.id === workspaceId) return loaded;
  } catch (err) {
    if (!(err instanceof HttpProblem) || err.status !== 404) throw err;
  }
  throw invalid('/documentId', 'is not a document of this workspace');
}

/** Attach a document to a task: those who may change the task, with a document they can read. */
export async function attachDocument(ctx: AppContext, actor: Actor, taskId: string, documentId: string, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { details, workspace } = await loadTask(ctx, actor, taskId, 'update');
  assertChangeable(workspace);
  const { document, folder } = await readableDocument(ctx, actor, documentId, workspace.id);
  // Guests who see the task hear of the attachment only if they could open the document.
  const internal =
    details.task.visibility === 'internal' || folder.shared !== 1 || !['view', 'edit'].includes(folder.effective_guest_access);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // Parallel attachments of one task take turns, so the count holds and a repeat is a no-op.
    await serialize(trx, `task-attachments:${taskId}`);
    const attached = await trx.selectFrom('task_attachments').select(['document_id']).where('task_id', '=', taskId).execute();
    if (attached.some((a) => a.document_id === documentId)) return;
    if (attached.length >= MAX_ATTACHMENTS) throw invalid('/documentId', `a task holds at most ${MAX_ATTACHMENTS} documents`);
    await trx
      .insertInto('task_attachments')
      .values({ task_id: taskId, document_id: documentId, attached_by: caller.id, attached_at: now })
      .execute();
    await touchTask(trx, taskId, caller.id, now);
    await record(trx, {
      actorId: caller.id,
      action: 'task.document_attached',
      target: { type: 'task', id: taskId },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { documentId, name: document.name },
      internal,
    });
  });
  const reloaded = await loadTask(ctx, actor, taskId);
  return presentLoaded(ctx, actor, reloaded.details, reloaded.workspace);
}

/** Detach a document; the document itself stays where it is. */
export async function detachDocument(ctx: AppContext, actor: Actor, taskId: string, documentId: string, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { details, workspace } = await loadTask(ctx, actor, taskId, 'update');
  assertChangeable(workspace);
  // Only an attachment the caller can see can be taken off.
  if (!details.attachments.some((a) => a.id === documentId)) throw notFound();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('task_attachments').where('task_id', '=', taskId).where('document_id', '=', documentId).execute();
    await touchTask(trx, taskId, caller.id, now);
    await record(trx, {
      actorId: caller.id,
      action: 'task.document_detached',
      target: { type: 'task', id: taskId },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { documentId },
      // Which document left is not known to be one guests could open: kept from them.
      internal: true,
    });
  });
  const reloaded = await loadTask(ctx, actor, taskId);
  return presentLoaded(ctx, actor, reloaded.details, reloaded.workspace);
}
