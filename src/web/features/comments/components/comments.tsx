import { useId, useRef, useState } from 'react';
import { useCurrentUser } from '../../../app/providers/session-context';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { LoadMore } from '../../../components/ui/load-more';
import { toApiError } from '../../../lib/api-client';
import { changeOf, isCommentChange, useRefetchOnChange } from '../../../lib/live-updates';
import { problemSummary } from '../../../lib/problem';
import { createComment, deleteComment, updateComment } from '../api';
import { arrivalMessage } from '../thread-merge';
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
 * one, with @mentions of the people who can see the item. Comments posted, edited or deleted
 * elsewhere show by themselves; a screen reader hears how many new ones others wrote.
 */
export function Comments({ targetType, targetId, canComment }: CommentsProps) {
  const headingId = useId();
  const me = useCurrentUser().id;
  const [status, setStatusText] = useState<string | null>(null);
  // New comments by others since the reader last did something here: "2 new comments." is then
  // new words for the live region even when the previous message was "1 new comment.".
  const arrivedRef = useRef(0);
  const setStatus = (message: string | null) => {
    arrivedRef.current = 0;
    setStatusText(message);
  };
  const thread = useCommentThread(targetType, targetId, {
    onArrived: (comments) => {
      const byOthers = comments.filter((comment) => comment.author?.id !== me).length;
      if (byOthers === 0) return;
      arrivedRef.current += byOthers;
      setStatusText(arrivalMessage(arrivedRef.current));
    },
  });
  const [editingId, setEditingId] = useState<string | null>(null);
  // While a comment is being edited the thread waits: a refresh could take that comment (deleted
  // elsewhere) out of the list, and its edit form with it.
  useRefetchOnChange(thread.refresh, (change) => isCommentChange(change) && changeOf(targetType, targetId)(change), {
    paused: editingId !== null,
  });
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
