import { useSearchParams } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { getPerson, listAudit } from '../../features/audit/api';
import { AuditFilterBar } from '../../features/audit/components/audit-filters';
import { AuditTable } from '../../features/audit/components/audit-table';
import { type AuditFilters, auditDownloadPath, FILTER_KEYS, filtersFromSearch, filtersKey, withFilter } from '../../features/audit/query';
import { listWorkspaces } from '../../features/workspaces/api';
import type { ApiError } from '../../lib/api-client';
import { problemSummary } from '../../lib/problem';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';

/**
 * Who did what, when and from where. Administrators read everything, extranet administrators every
 * workspace's entries, managers their workspaces' (they arrive from a workspace with ?workspace=).
 */
export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const key = filtersKey(filters);
  const list = usePagedList((cursor, signal) => listAudit(filters, cursor, signal), key);
  const workspaces = useResource(async (signal) => (await listWorkspaces({}, null, signal, 200)).items, 'workspaces');
  const person = useResource((signal) => (filters.person ? getPerson(filters.person, signal) : Promise.resolve(null)), filters.person);
  const workspaceName = workspaces.data?.find((workspace) => workspace.id === filters.workspace)?.name ?? null;

  function change(name: keyof AuditFilters, value: string) {
    setSearchParams(withFilter(searchParams, name, value), { replace: true });
  }

  function clear() {
    const next = new URLSearchParams(searchParams);
    for (const name of FILTER_KEYS) next.delete(name);
    setSearchParams(next, { replace: true });
  }

  const filtered = Object.values(filters).some((value) => value !== '');
  const forbidden = list.error?.status === 403;

  return (
    <>
      <PageHeading description="Sign-ins, permission changes, invitations, and every view and download, newest first. Entries are chained so that changing one afterwards shows.">
        Audit log
      </PageHeading>
      {forbidden ? (
        <Alert tone="error" title="You cannot read the audit log.">
          <p>Only administrators and workspace managers can read the audit log.</p>
        </Alert>
      ) : (
        <>
          {filters.workspace && workspaceName && <p className="audit-scope">Entries of the workspace “{workspaceName}”.</p>}
          <AuditFilterBar
            filters={filters}
            workspaces={workspaces.data ?? []}
            personName={person.data?.name ?? null}
            onChange={change}
            onClear={clear}
          />
          <div className="actions audit-downloads">
            <span className="field-label">Download every matching entry:</span>
            <a className="button button-secondary" href={auditDownloadPath(filters, 'csv')} download>
              Download CSV
            </a>
            <a className="button button-secondary" href={auditDownloadPath(filters, 'json')} download>
              Download JSON
            </a>
          </div>
          {list.error && (
            <ListError error={list.error} more={list.items.length > 0} onRetry={list.items.length > 0 ? list.loadMore : list.reload} />
          )}
          {list.loading && list.items.length === 0 ? (
            <p role="status">Loading the audit log…</p>
          ) : list.items.length === 0 ? (
            !list.error && (
              <p className="empty">{filtered ? 'No entries match these filters.' : 'The audit log has no entries you can read yet.'}</p>
            )
          ) : (
            <AuditTable entries={list.items} />
          )}
          {!list.error && <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />}
        </>
      )}
    </>
  );
}

function ListError({ error, more, onRetry }: { error: ApiError; more: boolean; onRetry: () => void }) {
  // A workspace outside the reader's part answers 404, exactly like one that does not exist.
  const message =
    error.status === 404
      ? 'This workspace does not exist, or its audit log is not yours to read. Choose another workspace.'
      : problemSummary(error.problem);
  return (
    <Alert tone="error" title={more ? 'More entries could not be loaded.' : 'The audit log could not be loaded.'}>
      <p>{message}</p>
      {error.problem.errors.length > 0 && (
        <ul className="alert-list">
          {error.problem.errors.map((problem) => (
            <li key={`${problem.path}:${problem.message}`}>{problem.message}</li>
          ))}
        </ul>
      )}
      {error.status !== 404 && error.status !== 400 && <Button onClick={onRetry}>Try again</Button>}
    </Alert>
  );
}
