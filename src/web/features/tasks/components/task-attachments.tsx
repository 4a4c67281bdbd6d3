import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { toApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { documentRoute } from '../../documents/api';
import { formatBytes } from '../../documents/labels';
import type { DocumentItem } from '../../documents/types';
import type { Task, TaskAttachment } from '../types';
import { AttachDocumentDialog } from './attach-document-dialog';

export interface TaskAttachmentsProps {
  task: Task;
  /** The task's `update` ability: attach and remove. */
  canChange: boolean;
  /** Attaches it and takes the answer (new version, new ETag); a thrown problem stays in the dialog. */
  onAttach: (document: DocumentItem) => Promise<void>;
  /** Takes it off the task; the document stays in its folder. */
  onRemove: (attachment: TaskAttachment) => Promise<void>;
}

/** The documents attached to a task (only those the reader may see), with attach and remove for those who may change it. */
export function TaskAttachments({ task, canChange, onAttach, onRemove }: TaskAttachmentsProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [picking, setPicking] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function remove(attachment: TaskAttachment) {
    if (removing !== null) return;
    setRemoving(attachment.id);
    setProblem(null);
    try {
      await onRemove(attachment);
      // Its button is gone: keep the focus in this section.
      heading.current?.focus();
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
    } finally {
      setRemoving(null);
    }
  }

  return (
    <section className="section-block task-attachments" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1} className="subheading">
        Attached documents
      </h2>
      {problem && (
        <Alert tone="error" title="The document was not removed.">
          <p>{problem}</p>
        </Alert>
      )}
      {task.attachments.length === 0 ? (
        <p className="empty">No documents attached.</p>
      ) : (
        <ul className="task-attachment-list" aria-labelledby={headingId}>
          {task.attachments.map((attachment) => (
            <li key={attachment.id} className="task-attachment">
              <div className="task-attachment-main">
                <Link to={documentRoute(task.workspaceId, attachment.id)} className="task-attachment-name">
                  {attachment.name}
                </Link>
                <span className="task-attachment-meta">
                  {formatBytes(attachment.size)}
                  {' · attached '}
                  {attachment.attachedBy && `by ${attachment.attachedBy.name}, `}
                  {formatDateTime(attachment.attachedAt)}
                </span>
              </div>
              {canChange && (
                <Button
                  variant="quiet"
                  busy={removing === attachment.id}
                  aria-label={`Remove ${attachment.name} from this task`}
                  title="The document stays in its folder."
                  onClick={() => remove(attachment)}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && (
        <div className="task-attachment-actions">
          <Button
            onClick={() => {
              setProblem(null);
              setPicking(true);
            }}
          >
            Attach a document
          </Button>
        </div>
      )}
      <AttachDocumentDialog
        open={picking}
        workspaceId={task.workspaceId}
        attachedIds={task.attachments.map((attachment) => attachment.id)}
        onClose={() => setPicking(false)}
        onAttach={async (document) => {
          await onAttach(document);
          setPicking(false);
        }}
      />
    </section>
  );
}
