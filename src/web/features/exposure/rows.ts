import type { FieldProblem } from '../../lib/problem';
import type { ExposedGuest, ExposedMembership, GuestFilters, MembershipItem } from './api';

// Pure helpers of the exposure dashboard: guests become one row per membership, the selection is a
// set of row keys, and a refused bulk action's `/items/<i>` errors find their way back to the rows.

export interface MembershipRow {
  /** `<workspaceId>/<userId>`: one guest in one workspace. */
  key: string;
  guest: ExposedGuest['user'];
  membership: ExposedMembership;
}

export const rowKey = (item: MembershipItem): string => `${item.workspaceId}/${item.userId}`;

/** One row per membership, in the server's order (guests by name, their workspaces by name). */
export function membershipRows(guests: readonly ExposedGuest[]): MembershipRow[] {
  return guests.flatMap((guest) =>
    guest.memberships.map((membership) => ({
      key: rowKey({ workspaceId: membership.workspace.id, userId: guest.user.id }),
      guest: guest.user,
      membership,
    })),
  );
}

/** The bulk request's items for the selected rows, in the table's order (so `/items/<i>` is predictable). */
export function selectedItems(rows: readonly MembershipRow[], selected: ReadonlySet<string>): MembershipItem[] {
  return rows.filter((row) => selected.has(row.key)).map((row) => ({ workspaceId: row.membership.workspace.id, userId: row.guest.id }));
}

/**
 * `/items/<i>` errors of a refused bulk action → messages per row key (several for one row are
 * joined). Errors that name no item are returned apart, so none is lost.
 */
export function itemErrors(
  items: readonly MembershipItem[],
  errors: readonly FieldProblem[],
): { byRow: Map<string, string>; other: string[] } {
  const byRow = new Map<string, string>();
  const other: string[] = [];
  for (const error of errors) {
    const match = /^\/items\/(\d+)(?:\/|$)/.exec(error.path);
    const item = match ? items[Number(match[1])] : undefined;
    if (!item) {
      other.push(error.message);
      continue;
    }
    const key = rowKey(item);
    const before = byRow.get(key);
    byRow.set(key, before ? `${before}; ${error.message}` : error.message);
  }
  return { byRow, other };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 memberships revoked, 1 guest suspended." */
export function revokedMessage(result: { revoked: number; suspended: number }): string {
  const revoked = `${count(result.revoked, 'membership', 'memberships')} revoked`;
  return result.suspended > 0 ? `${revoked}, ${count(result.suspended, 'guest', 'guests')} suspended.` : `${revoked}.`;
}

export function extendedMessage(extended: number, day: string | null): string {
  const end = extended === 1 ? 'ends' : 'end';
  return `${count(extended, 'membership', 'memberships')} ${day ? `now ${end} on ${day}` : `no longer ${end}`}.`;
}

export const emptyGuestFilters: GuestFilters = { q: '', status: '', inactiveDays: '', endingWithinDays: '' };

/** A positive whole number of days the API accepts (1–3650), or "" for none. */
export function daysValue(text: string | null): string {
  const value = (text ?? '').trim();
  if (!/^\d{1,4}$/.test(value)) return '';
  const days = Number(value);
  return days >= 1 && days <= 3650 ? String(days) : '';
}

export function guestFiltersFromSearch(search: URLSearchParams): GuestFilters {
  const status = search.get('status');
  return {
    q: search.get('q') ?? '',
    status: status === 'active' || status === 'suspended' ? status : '',
    inactiveDays: daysValue(search.get('inactiveDays')),
    endingWithinDays: daysValue(search.get('endingWithinDays')),
  };
}

/** The most items one bulk action takes (the API's limit). */
export const MAX_BULK_ITEMS = 200;
