import { COMMENT_ACTIONS, type CommentAction } from '../../../shared/comments.js';
import { type Actor, isEmployee } from '../actor.js';
import type { Policy } from '../policy.js';
import { managesWorkspace, seesWorkspace, type WorkspaceTarget, workspacePolicy } from './workspace.policy.js';

export interface CommentTarget {
  id: string;
  workspace: WorkspaceTarget;
  authorId: string | null;
  /**
   * The policy `see` of the item the comment is on (task, note, activity, document), for any actor:
   * a comment is seen by exactly those who see its item, and an item's rules live in its own policy.
   */
  seesParent: (actor: Actor) => boolean;
  /** Written while guests could see the item; a comment from an internal period never reaches them. */
  sharedWithGuests: boolean;
}

export function seesComment(actor: Actor, comment: CommentTarget): boolean {
  if (!seesWorkspace(actor, comment.workspace) || !comment.seesParent(actor)) return false;
  return isEmployee(actor) || comment.sharedWithGuests;
}

/** Whoever may comment in the workspace at all: employees, and guests (never viewers) where the workspace allows it. */
const mayComment = (actor: Actor, comment: CommentTarget) => workspacePolicy.can(actor, 'comment', comment.workspace);

const isAuthor = (actor: Actor, comment: CommentTarget) => actor.type === 'user' && comment.authorId === actor.id;

export const commentPolicy: Policy<CommentTarget, CommentAction> = {
  actions: COMMENT_ACTIONS,
  see: seesComment,
  can(actor, action, comment) {
    if (!seesComment(actor, comment)) return false;
    switch (action) {
      case 'read':
        return true;
      // Only the author rewrites their words, and only while they may still comment here.
      case 'update':
        return isAuthor(actor, comment) && mayComment(actor, comment);
      // The author takes a comment back; a manager of the workspace removes what does not belong.
      case 'delete':
        return managesWorkspace(actor, comment.workspace.id) || (isAuthor(actor, comment) && mayComment(actor, comment));
    }
  },
};
