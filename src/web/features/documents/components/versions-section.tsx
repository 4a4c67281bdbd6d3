import { useId, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { listVersions, restoreVersion, versionContentUrl } from '../api';
import { formatBytes } from '../labels';
import type { DocumentItem } from '../types';

export interface VersionsSectionProps {
  document: DocumentItem;
  onRestored: (document: DocumentItem, from: number) => void;
}

/** Every version, newest first; each can be downloaded, and older ones restored as a new version. */
export function VersionsSection({ document, onRestored }: VersionsSectionProps) {
  const headingId = useId();
  // A new current version (upload, restore) reloads the list.
  const versions = useResource((signal) => listVersions(document.id, signal), `${document.id}:${document.version}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canRestore = document.abilities.includes('upload_version');
  const canDownload = document.abilities.includes('download');

  async function restore(versionId: string, number: number) {
    setBusy(versionId);
    setError(null);
    try {
      onRestored(await restoreVersion(document.id, versionId), number);
    } catch (failure) {
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Versions</h2>
      {error && <Alert tone="error">{error}</Alert>}
      {versions.error ? (
        <Alert tone="error" title="The versions could not be loaded.">
          <p>{problemSummary(versions.error.problem)}</p>
          <Button onClick={versions.reload}>Try again</Button>
        </Alert>
      ) : versions.data === null ? (
        <p>Loading versions…</p>
      ) : (
        <ol className="item-list doc-list" aria-label={`Versions of ${document.name}, newest first`}>
          {versions.data.map((version) => (
            <li key={version.id} className="item-row doc-row">
              <div className="doc-main">
                <span className="item-title">
                  Version {version.number}
                  {version.number === document.version && <span className="badge badge-current">Current</span>}
                </span>
                <p className="doc-meta">
                  {version.uploadedBy?.name ?? 'Someone no longer here'}, <DateTime iso={version.createdAt} /> · {formatBytes(version.size)}
                  {version.name !== document.name && ` · named “${version.name}”`}
                  {version.restoredFrom !== null && ` · restored from version ${version.restoredFrom}`}
                </p>
              </div>
              <div className="row-actions">
                {canDownload && (
                  <a className="button button-secondary" href={versionContentUrl(document.id, version.id)}>
                    Download<VisuallyHidden> version {version.number}</VisuallyHidden>
                  </a>
                )}
                {canRestore && version.number !== document.version && (
                  <Button busy={busy === version.id} onClick={() => restore(version.id, version.number)}>
                    Restore<VisuallyHidden> version {version.number}</VisuallyHidden>
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
