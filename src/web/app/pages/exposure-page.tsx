import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { SelectField } from '../../components/ui/select-field';
import { TextField } from '../../components/ui/text-field';
import { extendMemberships, type GuestFilters, getSummary, listGuests, revokeMemberships } from '../../features/exposure/api';
import { ExposureInvitations, type InvitationFilter } from '../../features/exposure/components/exposure-invitations';
import { ExtendDialog } from '../../features/exposure/components/extend-dialog';
import { GuestTable } from '../../features/exposure/components/guest-table';
import { SummaryCards, type SummaryFilter } from '../../features/exposure/components/summary-cards';
import {
  daysValue,
  extendedMessage,
  guestFiltersFromSearch,
  itemErrors,
  MAX_BULK_ITEMS,
  membershipRows,
  revokedMessage,
  selectedItems,
} from '../../features/exposure/rows';
import { useDraft } from '../../features/exposure/use-draft';
import { toApiError } from '../../lib/api-client';
import { formatDay } from '../../lib/dates';
import { plural } from '../../lib/format';
import { problemSummary } from '../../lib/problem';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';

const GUEST_KEYS = ['q', 'status', 'inactiveDays', 'endingWithinDays'] as const;

/** A bulk action that was refused: the summary, plus what names no row (row errors show in the table). */
interface Refusal {
  message: string;
  other: string[];
}

/** Who from outside can get in, and what is about to change; revoke or extend many memberships at once. */
export function ExposurePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = guestFiltersFromSearch(searchParams);
  const invitationFilter = (['pending', 'expired'] as const).find((value) => value === searchParams.get('invitations')) ?? 'all';
  const guestKey = JSON.stringify(filters);
  const summaryDays = {
    ...(filters.inactiveDays ? { inactiveDays: Number(filters.inactiveDays) } : {}),
    ...(filters.endingWithinDays ? { endingWithinDays: Number(filters.endingWithinDays) } : {}),
  };
  const summary = useResource((signal) => getSummary(summaryDays, signal), JSON.stringify(summaryDays));
  const guests = usePagedList((cursor, signal) => listGuests(filters, cursor, signal), guestKey);
  const rows = membershipRows(guests.items);
  const withoutWorkspace = guests.items.filter((guest) => guest.memberships.length === 0).length;

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [rowErrors, setRowErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [extending, setExtending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const invitationsHeading = useRef<HTMLHeadingElement>(null);

  // Other filters, other rows: a selection only ever names rows on the screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters' key is what starts over
  useEffect(() => {
    setSelected(new Set());
    setRowErrors(new Map());
  }, [guestKey]);

  function setParams(change: Record<string, string>) {
    const next = new URLSearchParams(searchParams);
    for (const [name, value] of Object.entries(change)) {
      if (value === '') next.delete(name);
      else next.set(name, value);
    }
    setSearchParams(next, { replace: true });
  }
  const setFilter = (name: keyof GuestFilters, value: string) => setParams({ [name]: value });
  const [search, setSearch] = useDraft(
    filters.q,
    (value) => setFilter('q', value),
    300,
    (value) => value.trim(),
  );
  const [inactive, setInactive] = useDraft(filters.inactiveDays, (value) => setFilter('inactiveDays', value), 400, daysValue);
  const [ending, setEnding] = useDraft(filters.endingWithinDays, (value) => setFilter('endingWithinDays', value), 400, daysValue);

  function applyCard(card: SummaryFilter) {
    const data = summary.data;
    if (!data) return;
    const none = Object.fromEntries(GUEST_KEYS.map((name) => [name, ''])) as Record<string, string>;
    if (card === 'pending' || card === 'expired') {
      setParams({ invitations: card });
      invitationsHeading.current?.focus();
      invitationsHeading.current?.scrollIntoView({ block: 'start' });
      return;
    }
    if (card === 'guests') setParams(none);
    if (card === 'seats') setParams({ ...none, status: 'active' });
    if (card === 'inactive') setParams({ ...none, status: 'active', inactiveDays: String(data.inactiveDays) });
    if (card === 'ending') setParams({ ...none, status: 'active', endingWithinDays: String(data.endingWithinDays) });
    setStatus(null);
  }

  const currentCard: SummaryFilter | null = filters.q
    ? null
    : filters.status === 'active' && filters.inactiveDays && !filters.endingWithinDays
      ? 'inactive'
      : filters.status === 'active' && filters.endingWithinDays && !filters.inactiveDays
        ? 'ending'
        : filters.status === 'active' && !filters.inactiveDays && !filters.endingWithinDays
          ? 'seats'
          : !filters.status && !filters.inactiveDays && !filters.endingWithinDays
            ? 'guests'
            : null;

  const items = selectedItems(rows, selected);

  /** Runs a bulk action; on refusal, names each refused row. Answers whether it went through. */
  async function runBulk(action: () => Promise<string>): Promise<boolean> {
    setBusy(true);
    setStatus(null);
    setRefusal(null);
    setDialogError(null);
    setDateError(null);
    try {
      const message = await action();
      setSelected(new Set());
      setRowErrors(new Map());
      setStatus(message);
      guests.reload();
      summary.reload();
      return true;
    } catch (error) {
      const problem = toApiError(error).problem;
      const { byRow, other } = itemErrors(items, problem.errors);
      const date = problem.errors.find((entry) => entry.path === '/expiresAt');
      setRowErrors(byRow);
      if (date && byRow.size === 0) {
        // Only the date was wrong: say so beside it and keep the dialog open.
        setDateError(date.message);
        return false;
      }
      if (byRow.size === 0 && other.length === 0) {
        setDialogError(problemSummary(problem));
        return false;
      }
      setRefusal({
        message:
          byRow.size > 0
            ? `${problemSummary(problem)} ${plural(byRow.size, 'selected membership was', 'selected memberships were')} refused; see the marked rows.`
            : problemSummary(problem),
        other: other.filter((message) => message !== date?.message),
      });
      return true;
    } finally {
      setBusy(false);
    }
  }

  const tooMany = items.length > MAX_BULK_ITEMS;

  return (
    <>
      <PageHeading description="Everyone from outside the company who can get in, the invitations still open, and access about to end. Revoke or extend many memberships at once.">
        Exposure
      </PageHeading>
      {summary.error && <Alert tone="error">{problemSummary(summary.error.problem)}</Alert>}
      {summary.data ? (
        <SummaryCards summary={summary.data} current={currentCard} onApply={applyCard} />
      ) : (
        !summary.error && <p>Loading the summary…</p>
      )}

      <section className="section-block" aria-labelledby="exposure-guests">
        <h2 id="exposure-guests" className="subheading">
          Guests
        </h2>
        <search className="filters exposure-filters" aria-label="Filter guests">
          <TextField
            className="filter-search"
            label="Search guests"
            type="search"
            autoComplete="off"
            hint="By name or e-mail address."
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <TextField
            label="Inactive for (days)"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            hint="No sign-in for this many days, or never."
            value={inactive}
            onChange={(event) => setInactive(event.target.value)}
          />
          <TextField
            label="Ending within (days)"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            hint="A membership ends within this many days."
            value={ending}
            onChange={(event) => setEnding(event.target.value)}
          />
          <SelectField
            label="Account"
            value={filters.status}
            options={[
              { value: '', label: 'Active or suspended' },
              { value: 'active', label: 'Active' },
              { value: 'suspended', label: 'Suspended' },
            ]}
            onChange={(event) => setFilter('status', event.target.value)}
          />
        </search>

        <LiveStatus message={status} />
        {refusal && (
          <Alert tone="error" title="Nothing was changed.">
            <p>{refusal.message}</p>
            {refusal.other.length > 0 && (
              <ul className="alert-list">
                {refusal.other.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {guests.error && <Alert tone="error">{problemSummary(guests.error.problem)}</Alert>}

        <fieldset className="actions exposure-bulk">
          <legend className="visually-hidden">With the selected memberships</legend>
          <span aria-live="polite">{plural(items.length, 'membership', 'memberships')} selected</span>
          <Button
            variant="danger"
            disabled={items.length === 0 || tooMany}
            onClick={() => {
              setDialogError(null);
              setConfirming(true);
            }}
          >
            Revoke access
          </Button>
          <Button
            disabled={items.length === 0 || tooMany}
            onClick={() => {
              setDialogError(null);
              setDateError(null);
              setExtending(true);
            }}
          >
            Extend to…
          </Button>
          {tooMany && <span className="field-error">Select at most {MAX_BULK_ITEMS} memberships at a time.</span>}
        </fieldset>

        {guests.loading && guests.items.length === 0 ? (
          <p>Loading guests…</p>
        ) : rows.length === 0 ? (
          !guests.error && (
            <p className="empty">
              {guests.items.length > 0
                ? 'These guests have no workspace left.'
                : Object.values(filters).some(Boolean)
                  ? 'No guest matches these filters.'
                  : 'No guests yet. Guests appear here once they accept an invitation.'}
            </p>
          )
        ) : (
          <GuestTable
            rows={rows}
            selected={selected}
            errors={rowErrors}
            onToggle={(key, checked) =>
              setSelected((current) => {
                const next = new Set(current);
                if (checked) next.add(key);
                else next.delete(key);
                return next;
              })
            }
            onToggleAll={(checked) => setSelected(checked ? new Set(rows.map((row) => row.key)) : new Set())}
          />
        )}
        {withoutWorkspace > 0 && rows.length > 0 && (
          <p className="empty">{plural(withoutWorkspace, 'guest has', 'guests have')} no workspace and no row here.</p>
        )}
        <LoadMore hasMore={guests.nextCursor !== null} loading={guests.loadingMore} onLoadMore={guests.loadMore} />
      </section>

      <ExposureInvitations
        ref={invitationsHeading}
        filter={invitationFilter as InvitationFilter}
        onFilter={(value) => setParams({ invitations: value === 'all' ? '' : value })}
        onChanged={summary.reload}
      />

      <ConfirmDialog
        open={confirming}
        title={`Revoke ${plural(items.length, 'membership', 'memberships')}?`}
        confirmLabel="Revoke access"
        busy={busy}
        error={dialogError}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const done = await runBulk(async () => revokedMessage(await revokeMemberships(items)));
          if (done) setConfirming(false);
        }}
      >
        <p>
          {plural(items.length, 'membership ends', 'memberships end')} now: those guests lose access to those workspaces on their very next
          request. Guests left without a workspace are suspended and signed out (when the extranet policy says so).
        </p>
      </ConfirmDialog>
      <ExtendDialog
        open={extending}
        count={items.length}
        busy={busy}
        error={dialogError}
        dateError={dateError}
        onClose={() => setExtending(false)}
        onExtend={async (expiresAt, day) => {
          const done = await runBulk(async () => {
            const result = await extendMemberships(items, expiresAt);
            return extendedMessage(result.extended, day && expiresAt ? formatDay(expiresAt) : null);
          });
          if (done) setExtending(false);
        }}
      />
    </>
  );
}
