import type { CommentTargetType } from '../../../shared/comments.js';
import { type Actor, authorize, policies } from '../../authz/index.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { detailsOf as activityDetailsOf, activityTarget, findActivity } from '../activities/activities.repo.js';
import { documentTarget, loadDocument } from '../documents/document-access.js';
import { noteTarget } from '../notes/notes.presenter.js';
import { taskTarget } from '../tasks/tasks.repo.js';
import { loadTask } from '../tasks/tasks.service.js';
import { findWorkspace, type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';

/** The item a thread of comments hangs on, loaded through its own loader and policy. */
export interface CommentParent {
  type: CommentTargetType;
  id: string;
  workspace: WorkspaceRow;
  title: string;
  /**
   * The item's own policy `see`, for any actor: the caller, or a person about to be mentioned. A
   * comment is seen by exactly those who see its item; nothing about the item is decided here.
   */
  seenBy: (actor: Actor) => boolean;
  /** Whether the workspace's guests may see the item now: comments written meanwhile stay with them. */
  sharedWithGuests: boolean;
}

type Resolver = (ctx: Pick<AppContext, 'db'>, actor: Actor, id: string) => Promise<CommentParent>;

/**
 * One resolver per kind of item. Each loads the item, then authorizes `read` with the caller: an item
 * the caller may not see answers 404, byte-identical to one that does not exist.
 */
const resolvers: Record<CommentTargetType, Resolver> = {
  async task(ctx, actor, id) {
    const { details, workspace } = await loadTask(ctx, actor, id);
    const task = details.task;
    const target = taskTarget(task, details.assigneeIds, workspaceTarget(workspace));
    return {
      type: 'task',
      id,
      workspace,
      title: task.title,
      seenBy: (a) => policies.task.see(a, target),
      sharedWithGuests: task.visibility === 'shared',
    };
  },

  async note(ctx, actor, id) {
    const note = await ctx.db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
    const workspace = note && (await findWorkspace(ctx.db, note.workspace_id));
    if (!note || !workspace) throw notFound();
    const target = noteTarget(note, workspace);
    authorize(actor, 'note', 'read', target);
    return {
      type: 'note',
      id,
      workspace,
      title: note.title,
      seenBy: (a) => policies.note.see(a, target),
      sharedWithGuests: note.visibility === 'shared',
    };
  },

  // ACTIVITY: planned activities (modules/activities). Same shape as tasks: the row, its attendees,
  // the activity policy. Adjust here if activities.repo.ts changes its loaders.
  async activity(ctx, actor, id) {
    const activity = await findActivity(ctx.db, id);
    const workspace = activity && (await findWorkspace(ctx.db, activity.workspace_id));
    if (!activity || !workspace) throw notFound();
    const [details] = await activityDetailsOf(ctx.db, [activity]);
    if (!details) throw notFound();
    const target = activityTarget(activity, details.attendeeIds, workspaceTarget(workspace));
    authorize(actor, 'activity', 'read', target);
    return {
      type: 'activity',
      id,
      workspace,
      title: activity.title,
      seenBy: (a) => policies.activity.see(a, target),
      sharedWithGuests: activity.visibility === 'shared',
    };
  },

  // A live document only (a trashed one is reached through the trash, where nobody comments).
  async document(ctx, actor, id) {
    const loaded = await loadDocument(ctx, actor, id, 'read');
    const target = documentTarget(loaded);
    return {
      type: 'document',
      id,
      workspace: loaded.workspace,
      title: loaded.document.name,
      seenBy: (a) => policies.document.see(a, target),
      sharedWithGuests: loaded.folder.shared === 1 && loaded.folder.effective_guest_access !== 'none',
    };
  },
};

/** The item `type`/`id` as the caller may see it; 404 otherwise. */
export function loadParent(ctx: Pick<AppContext, 'db'>, actor: Actor, type: CommentTargetType, id: string): Promise<CommentParent> {
  return resolvers[type](ctx, actor, id);
}
