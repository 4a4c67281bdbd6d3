import { useState } from 'react';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { TextField } from '../../components/ui/text-field';
import { getMe } from '../../features/auth/api';
import { listUsers } from '../../features/people/api';
import { NewEmployeeDialog } from '../../features/people/components/new-employee-dialog';
import { PeopleTable } from '../../features/people/components/people-table';
import { Ability } from '../../lib/api-types';
import { plural } from '../../lib/format';
import { problemSummary } from '../../lib/problem';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { usePagedList } from '../../lib/use-paged-list';
import { useAbility, useSession } from '../providers/session-context';

export function PeoplePage() {
  const { instance, user, updateUser } = useSession();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 300);
  const list = usePagedList((cursor, signal) => listUsers(query, cursor, signal), query);
  const [creating, setCreating] = useState(false);
  // Extranet administrators come here for the extranet flags; only administrators add employees.
  const canCreate = useAbility(Ability.manageUsers);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const resultText =
    query === '' || list.loading
      ? null
      : `${plural(list.items.length, 'person', 'people')} found${list.nextCursor ? ', more available' : ''}.`;

  return (
    <>
      <PageHeading description="Everyone who can sign in to Foyer: your employees and the guests from partner organizations.">
        People
      </PageHeading>
      <div className="toolbar">
        <search className="search">
          <TextField
            label="Search people"
            type="search"
            name="q"
            autoComplete="off"
            hint="By name or e-mail address."
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setStatus(null);
            }}
          />
        </search>
        {canCreate && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            New employee
          </Button>
        )}
      </div>
      <LiveStatus message={status ?? resultText} />
      {failure && (
        <Alert tone="error" title="The change was not made.">
          <p>{failure}</p>
        </Alert>
      )}
      {list.error && <Alert tone="error">{problemSummary(list.error.problem)}</Alert>}
      {list.loading && list.items.length === 0 ? (
        <p>Loading people…</p>
      ) : list.items.length === 0 ? (
        !list.error && <p className="empty">{query ? `No one matches “${query}”.` : 'No people yet.'}</p>
      ) : (
        <PeopleTable
          people={list.items}
          onChanged={(person, message) => {
            list.replace(person);
            // Row abilities describe what I may do to that person, not what they may do: refetch
            // my own account rather than reuse the row.
            if (person.id === user?.id) getMe().then(updateUser, () => undefined);
            setFailure(null);
            setStatus(message);
          }}
          onFailed={(message) => {
            setStatus(null);
            setFailure(message);
          }}
        />
      )}
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
      <NewEmployeeDialog
        open={creating}
        passwordMinLength={instance.passwordMinLength}
        onClose={() => setCreating(false)}
        onCreated={(person) => {
          setCreating(false);
          setFailure(null);
          setStatus(`${person.name} has been added and can sign in with the temporary password.`);
          list.reload();
        }}
      />
    </>
  );
}
