import { useEffect, useId, useRef } from 'react';
import { Link, useBlocker } from 'react-router';
import { LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { documentRoute } from '../api';
import { formatBytes } from '../labels';
import type { UploadItem, Uploads } from '../use-uploads';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

export interface UploadListProps {
  uploads: Uploads;
  workspaceId: string;
  /** Uploads of new versions open nothing new: they stay on the document's page. */
  linkToDocuments?: boolean;
}

/** One row per file: its progress bar and Cancel while it runs, then what came of it. */
export function UploadList({ uploads, workspaceId, linkToDocuments = true }: UploadListProps) {
  const headingId = useId();
  const finished = uploads.items.some((item) => !['asking', 'queued', 'sending', 'processing'].includes(item.phase));
  return (
    <>
      <LeaveGuard busy={uploads.busy} />
      <LiveStatus message={uploads.announcement} tone="info" />
      {uploads.items.length > 0 && (
        <section className="uploads" aria-labelledby={headingId}>
          <div className="uploads-heading">
            <h2 id={headingId} className="subheading">
              Uploads
            </h2>
            {finished && (
              <Button variant="quiet" onClick={uploads.clearFinished}>
                Clear finished
              </Button>
            )}
          </div>
          <ul className="upload-list">
            {uploads.items.map((item) => (
              <UploadRow key={item.key} item={item} uploads={uploads} workspaceId={workspaceId} linkToDocuments={linkToDocuments} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Leaving the page cancels running uploads; ask first (closing the tab asks through the browser). */
function LeaveGuard({ busy }: { busy: boolean }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => busy && currentLocation.pathname !== nextLocation.pathname);
  const open = blocker.state === 'blocked';
  return (
    <Dialog open={open} title="Leave while files are uploading?" onClose={() => blocker.reset?.()}>
      <p className="dialog-body">Uploads that have not finished are cancelled when you leave this page.</p>
      <div className="actions">
        <Button variant="primary" onClick={() => blocker.reset?.()}>
          Stay here
        </Button>
        <Button variant="danger" onClick={() => blocker.proceed?.()}>
          Leave and cancel uploads
        </Button>
      </div>
    </Dialog>
  );
}

function UploadRow({
  item,
  uploads,
  workspaceId,
  linkToDocuments,
}: {
  item: UploadItem;
  uploads: Uploads;
  workspaceId: string;
  linkToDocuments: boolean;
}) {
  const rowRef = useRef<HTMLLIElement>(null);
  // The button just pressed (Add as new version, Cancel, Try again) goes away with the phase it belonged
  // to. If the keyboard was in this row, keep it there instead of dropping it at the top of the page.
  const focusInside = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new phase is what may have removed the focused control
  useEffect(() => {
    const row = rowRef.current;
    if (!focusInside.current || !row) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    (row.querySelector<HTMLElement>('button, a') ?? row).focus({ preventScroll: true });
  }, [item.phase]);

  const cancel = (
    <Button onClick={() => uploads.cancel(item.key)}>
      Cancel<VisuallyHidden> upload of {item.name}</VisuallyHidden>
    </Button>
  );
  const retry = (
    <Button onClick={() => uploads.retry(item.key)}>
      Try again<VisuallyHidden> to upload {item.name}</VisuallyHidden>
    </Button>
  );
  const progressLabel = `Upload progress for ${item.name}`;
  const fraction = item.total > 0 ? Math.min(1, item.loaded / item.total) : 0;

  return (
    <li
      ref={rowRef}
      className="upload-row"
      data-phase={item.phase}
      tabIndex={-1}
      onFocus={() => {
        focusInside.current = true;
      }}
      onBlur={(event) => {
        // Focus that went nowhere (its control was removed) still counts as inside.
        if (event.relatedTarget && !event.currentTarget.contains(event.relatedTarget)) focusInside.current = false;
      }}
    >
      <div className="upload-file">
        <span className="upload-name">{item.name}</span>
        <span className="upload-size">{formatBytes(item.file.size)}</span>
      </div>
      {item.phase === 'asking' && (
        <div className="upload-question">
          <p>A document with this name is already here. Add this file as its new version, or keep both?</p>
          <div className="row-actions">
            <Button variant="primary" onClick={() => uploads.decide(item.key, 'version')}>
              Add as new version<VisuallyHidden> of {item.name}</VisuallyHidden>
            </Button>
            <Button onClick={() => uploads.decide(item.key, 'keep_both')}>
              Keep both<VisuallyHidden> files named {item.name}</VisuallyHidden>
            </Button>
            {cancel}
          </div>
        </div>
      )}
      {(item.phase === 'queued' || item.phase === 'sending' || item.phase === 'processing') && (
        <div className="upload-progress">
          {item.phase === 'queued' ? (
            <progress aria-label={progressLabel} />
          ) : (
            <progress aria-label={progressLabel} max={1} value={fraction} />
          )}
          <span className="upload-state">
            {item.phase === 'queued' ? 'Waiting…' : item.phase === 'processing' ? 'Saving…' : percent.format(fraction)}
          </span>
          {cancel}
        </div>
      )}
      {item.phase === 'done' && item.document && (
        <div className="upload-result">
          <span className="upload-state upload-done">
            {item.document.version > 1 ? `Uploaded as version ${item.document.version}` : 'Uploaded'}
            {item.document.name !== item.name && ` as “${item.document.name}”`}
          </span>
          {linkToDocuments && item.document.abilities.includes('read') && (
            <Link to={documentRoute(workspaceId, item.document.id)}>
              Open<VisuallyHidden> {item.document.name}</VisuallyHidden>
            </Link>
          )}
        </div>
      )}
      {item.phase === 'failed' && (
        <div className="upload-result">
          <p className="upload-error">
            <span className="upload-error-title">Not uploaded.</span> {item.message}
          </p>
          {retry}
        </div>
      )}
      {item.phase === 'refused' && (
        <div className="upload-result">
          <p className="upload-error">
            <span className="upload-error-title">Not uploaded.</span> {item.message}
          </p>
        </div>
      )}
      {item.phase === 'cancelled' && (
        <div className="upload-result">
          <span className="upload-state">Cancelled</span>
          {retry}
        </div>
      )}
    </li>
  );
}
