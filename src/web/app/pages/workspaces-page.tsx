import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { listWorkspaces } from '../../features/workspaces/api';
import { type StatusFilter, WorkspaceFilters } from '../../features/workspaces/components/workspace-filters';
import { WorkspaceTable } from '../../features/workspaces/components/workspace-table';
import { useTopics } from '../../features/workspaces/use-topics';
import { Ability } from '../../lib/api-types';
import { plural } from '../../lib/format';
import { problemSummary } from '../../lib/problem';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { usePagedList } from '../../lib/use-paged-list';
import { useAbility } from '../providers/session-context';

export function WorkspacesPage() {
  const navigate = useNavigate();
  const canCreate = useAbility(Ability.createWorkspaces);
  const { topics } = useTopics();
  // Filters live in the address so "Back" from a workspace returns to the same list.
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const status: StatusFilter = requested === 'archived' || requested === 'all' ? requested : 'active';
  const topicId = params.get('topic') ?? '';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const query = useDebouncedValue(search.trim(), 300);

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (query === '') next.delete('q');
        else next.set('q', query);
        return next;
      },
      { replace: true },
    );
  }, [query, setParams]);

  function setFilter(name: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  }

  const filters = { q: query, status: status === 'all' ? undefined : status, topicId };
  const list = usePagedList((cursor, signal) => listWorkspaces(filters, cursor, signal), JSON.stringify(filters));
  const filtered = query !== '' || topicId !== '' || status !== 'active';
  const resultText =
    !filtered || list.loading
      ? null
      : `${plural(list.items.length, 'workspace', 'workspaces')} found${list.nextCursor ? ', more available' : ''}.`;

  return (
    <>
      <PageHeading description="Shared places to work with people from partner organizations, one per project, contract, order, site or machine.">
        Workspaces
      </PageHeading>
      <div className="toolbar">
        <WorkspaceFilters
          search={search}
          status={status}
          topicId={topicId}
          topics={topics}
          onSearch={setSearch}
          onStatus={(value) => setFilter('status', value === 'active' ? '' : value)}
          onTopic={(value) => setFilter('topic', value)}
        />
        {canCreate && (
          <Button variant="primary" onClick={() => navigate('/workspaces/new')}>
            New workspace
          </Button>
        )}
      </div>
      <LiveStatus message={resultText} />
      {list.error && <Alert tone="error">{problemSummary(list.error.problem)}</Alert>}
      {list.loading && list.items.length === 0 ? (
        <p>Loading workspaces…</p>
      ) : list.items.length === 0 ? (
        !list.error && <p className="empty">{filtered ? 'No workspaces match these filters.' : 'No workspaces yet.'}</p>
      ) : (
        <WorkspaceTable workspaces={list.items} />
      )}
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
