import { useId } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { LoadMore } from '../../../components/ui/load-more';
import { problemSummary } from '../../../lib/problem';
import { usePagedList } from '../../../lib/use-paged-list';
import { listAccess } from '../api';
import { accessActionLabels } from '../labels';
import type { DocumentItem } from '../types';

/** Who viewed, downloaded and uploaded this document, newest first (workspace managers only). */
export function AccessReport({ document }: { document: DocumentItem }) {
  const headingId = useId();
  const list = usePagedList((cursor, signal) => listAccess(document.id, cursor, signal), `${document.id}:${document.version}`);

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Access report</h2>
      <p className="section-description">Every view, download and upload of this document, newest first.</p>
      {list.error && (
        <Alert tone="error" title="The access report could not be loaded.">
          <p>{problemSummary(list.error.problem)}</p>
          <Button onClick={list.reload}>Try again</Button>
        </Alert>
      )}
      {list.loading && list.items.length === 0 ? (
        <p>Loading the access report…</p>
      ) : list.items.length === 0 ? (
        !list.error && <p className="empty">Nobody has opened this document yet.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-wrap" aria-label="Access report" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Access to {document.name}</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Version</th>
                <th scope="col">When</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.user?.name ?? 'Someone no longer here'}</th>
                  <td>{accessActionLabels[entry.action] ?? entry.action}</td>
                  <td>{entry.version ?? '—'}</td>
                  <td>
                    <DateTime iso={entry.at} />
                  </td>
                  <td>{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </section>
  );
}
