import { useId } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadMore } from '../../components/ui/load-more';
import { formatDateTime } from '../../lib/format';
import { changeIn, useRefetchOnChange } from '../../lib/live-updates';
import { problemSummary } from '../../lib/problem';
import { usePagedList } from '../../lib/use-paged-list';
import { getStreamPage } from './api';
import { describeAction, targetHref } from './describe';

/** The workspace page's "Recent changes": what happened, newest first, as far as the reader may see it. */
export function ActivityStreamSection({ workspaceId }: { workspaceId: string }) {
  const headingId = useId();
  const stream = usePagedList((cursor, signal) => getStreamPage(workspaceId, cursor, signal), workspaceId);
  useRefetchOnChange(stream.refresh, changeIn(workspaceId));

  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Recent changes</h2>
        <div className="actions">
          <Button onClick={stream.reload}>Refresh</Button>
        </div>
      </div>
      {stream.error ? (
        <Alert tone="error" title="The recent changes could not be loaded.">
          <p>{problemSummary(stream.error.problem)}</p>
          <Button onClick={stream.reload}>Try again</Button>
        </Alert>
      ) : stream.loading ? (
        <p>Loading recent changes…</p>
      ) : stream.items.length === 0 ? (
        <p className="empty">Nothing has happened here yet.</p>
      ) : (
        <ol className="activity-stream">
          {stream.items.map((item) => (
            <li key={item.id}>
              <span className="activity-stream-what">
                <strong>{item.actor?.name ?? 'Someone'}</strong> {describeAction(item.action)}{' '}
                {item.target && <Link to={targetHref(workspaceId, item.target)}>{item.target.title}</Link>}
              </span>{' '}
              <time className="muted" dateTime={item.at}>
                {formatDateTime(item.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
      <LoadMore hasMore={stream.nextCursor !== null} loading={stream.loadingMore} onLoadMore={stream.loadMore} />
    </section>
  );
}
