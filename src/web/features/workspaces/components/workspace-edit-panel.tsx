import { useEffect, useId, useRef, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { isApiError, type WithEtag } from '../../../lib/api-client';
import type { Workspace } from '../../../lib/api-types';
import { updateWorkspace } from '../api';
import { useTopics } from '../use-topics';
import { WorkspaceForm } from './workspace-form';

export interface WorkspaceEditPanelProps {
  workspace: Workspace;
  etag: string | null;
  onSaved: (saved: WithEtag<Workspace>) => void;
  onCancel: () => void;
  /** Fetches the current version after someone else changed it. */
  onReload: () => void;
}

/**
 * Editing sends the version it started from (If-Match), so two people editing at once cannot
 * silently overwrite each other: the second one is told and can reload.
 */
export function WorkspaceEditPanel({ workspace, etag, onSaved, onCancel, onReload }: WorkspaceEditPanelProps) {
  const { topics, unavailable } = useTopics();
  const [stale, setStale] = useState(false);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const notice = stale ? (
    <Alert tone="error" title="Someone else changed this workspace while you were editing.">
      <p>Reload to see their changes, then make yours again. Reloading replaces what you typed here.</p>
      <Button
        onClick={() => {
          setStale(false);
          onReload();
        }}
      >
        Reload
      </Button>
    </Alert>
  ) : null;

  return (
    <section className="section-block" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Edit workspace
      </h2>
      <WorkspaceForm
        // A fresh version (after Reload) starts the form over with its values.
        key={etag ?? workspace.updatedAt}
        initial={workspace}
        topics={topics}
        topicsUnavailable={unavailable}
        submitLabel="Save changes"
        notice={notice}
        onCancel={onCancel}
        onSubmit={async (input) => {
          try {
            onSaved(await updateWorkspace(workspace.id, input, etag));
          } catch (error) {
            if (isApiError(error) && error.status === 412) {
              setStale(true);
              return;
            }
            throw error;
          }
        }}
      />
    </section>
  );
}
