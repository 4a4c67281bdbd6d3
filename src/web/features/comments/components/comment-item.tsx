import { LazyMarkdown } from '../../../components/markdown/lazy-markdown';
import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { formatDateTime } from '../../../lib/format';
import { commentTime } from '../comment-time';
import type { Comment, CommentInput } from '../types';
import { CommentForm } from './comment-form';

export interface CommentItemProps {
  comment: Comment;
  editing: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSave: (input: CommentInput) => Promise<void>;
  onDelete: () => void;
}

export const authorName = (comment: Comment) => comment.author?.name ?? 'Someone no longer here';

/** One comment: who wrote it and when, whether it was edited, its Markdown, and editing or deleting it when allowed. */
export function CommentItem({ comment, editing, onEdit, onCancelEdit, onSave, onDelete }: CommentItemProps) {
  const author = authorName(comment);
  const written = formatDateTime(comment.createdAt);
  const can = (action: Comment['abilities'][number]) => comment.abilities.includes(action);
  const which = <VisuallyHidden>{` the comment by ${author}, ${written}`}</VisuallyHidden>;

  return (
    <li className="comment" aria-label={`Comment by ${author}`}>
      <p className="comment-meta">
        <span className="comment-author">{author}</span>
        <time dateTime={comment.createdAt} title={written}>
          {commentTime(comment.createdAt)}
        </time>
        {comment.editedAt && (
          <span className="comment-edited">
            (edited <DateTime iso={comment.editedAt} />)
          </span>
        )}
      </p>
      {editing ? (
        <CommentForm
          targetType={comment.targetType}
          targetId={comment.targetId}
          label="Edit your comment"
          submitLabel="Save changes"
          initialBody={comment.body}
          initialMentions={comment.mentions}
          onSubmit={onSave}
          onCancel={onCancelEdit}
          autoFocus
        />
      ) : (
        <>
          <div className="comment-body">
            <LazyMarkdown source={comment.body} loadingText="Loading the comment…" />
          </div>
          {(can('update') || can('delete')) && (
            <div className="actions comment-item-actions">
              {can('update') && (
                <Button variant="quiet" onClick={onEdit}>
                  Edit{which}
                </Button>
              )}
              {can('delete') && (
                <Button variant="quiet" onClick={onDelete}>
                  Delete{which}
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </li>
  );
}
