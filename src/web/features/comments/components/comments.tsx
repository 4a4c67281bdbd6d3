import { useId, useState } from 'react';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { LoadMore } from '../../../components/ui/load-more';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { createComment, deleteComment, updateComment } from '../api';
import type { Comment, CommentTargetType } from '../types';
import { useCommentThread } from '../use-comment-thread';
import { CommentForm } from './comment-form';
import { authorName, CommentItem } from './comment-item';

export interface CommentsProps {
  targetType: CommentTargetType;
  targetId: string;
  /**
   * Whether the signed-in person may write here: the workspace's `abilities` include `comment`
   * and the workspace is not archived. Editing and deleting follow each comment's own abilities.
   */
  canComment: boolean;
}

/**
 * The comments on a task, note, activity or document: the thread, oldest first, and a form to add
 * one, with @mentions of the people who can see the item.
 */
export function Comments({ targetType, targetId, canComment }: CommentsProps) {
  const headingId = useId();
  const thread = useCommentThread(targetType, targetId);
  const [status, setStatus] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  async function confirmDelete() {
    if (!deleting || deleteBusy) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await deleteComment(deleting.id);
      thread.remove(deleting.id);
      setDeleting(null);
      setStatus('The comment has been deleted.');
      document.getElementById(headingId)?.focus();
    } catch (error) {
      setDeleteError(problemSummary(toApiError(error).problem));
    } finally {
      setDeleteBusy(false);
    }
  }

  const count = thread.items.length;

  return (
    <section className="section-block comments" aria-labelledby={headingId}>
      <h2 id={headingId} className="subheading" tabIndex={-1}>
        Comments
      </h2>
      <LiveStatus message={status} />
      {thread.error ? (
        <Alert tone="error" title="The comments could not be loaded.">
          <p>{problemSummary(thread.error.problem)}</p>
          <Button onClick={thread.reload}>Try again</Button>
        </Alert>
      ) : thread.loading ? (
        <p className="empty">Loading the comments…</p>
      ) : count === 0 ? (
        <p className="empty">{canComment ? 'No comments yet. Write the first one below.' : 'No comments yet.'}</p>
      ) : (
        <ol className="comment-list" aria-labelledby={headingId}>
          {thread.items.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              editing={editingId === comment.id}
              onEdit={() => {
                setStatus(null);
                setEditingId(comment.id);
              }}
              onCancelEdit={() => setEditingId(null)}
              onSave={async (input) => {
                thread.replace(await updateComment(comment.id, input));
                setEditingId(null);
                setStatus('Your changes to the comment have been saved.');
              }}
              onDelete={() => {
                setDeleteError(null);
                setDeleting(comment);
              }}
            />
          ))}
        </ol>
      )}
      {!thread.error && <LoadMore hasMore={thread.nextCursor !== null} loading={thread.loadingMore} onLoadMore={thread.loadMore} />}
      {canComment ? (
        <CommentForm
          targetType={targetType}
          targetId={targetId}
          label="Write a comment"
          submitLabel="Post comment"
          clearOnSuccess
          onSubmit={async (input) => {
            setStatus(null);
            thread.add(await createComment(targetType, targetId, input));
            setStatus('Your comment has been posted.');
          }}
        />
      ) : (
        <p className="comment-readonly">You can read the comments here but not write one.</p>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this comment?"
        confirmLabel="Delete comment"
        busy={deleteBusy}
        error={deleteError}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>{deleting ? `The comment by ${authorName(deleting)} will be gone for everyone. This cannot be undone.` : null}</p>
      </ConfirmDialog>
    </section>
  );
}
