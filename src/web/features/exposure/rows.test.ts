import { describe, expect, it } from 'vitest';
import type { ExposedGuest } from './api';
import {
  daysValue,
  extendedMessage,
  guestFiltersFromSearch,
  itemErrors,
  membershipRows,
  revokedMessage,
  rowKey,
  selectedItems,
} from './rows';

const membership = (workspaceId: string, name: string) => ({
  workspace: { id: workspaceId, name, status: 'active' as const },
  role: 'guest' as const,
  expiresAt: null,
  sponsor: null,
  status: 'active' as const,
});

const guest = (id: string, workspaces: [string, string][]): ExposedGuest => ({
  user: { id, name: id, email: `${id}@x.example`, status: 'active', createdAt: '', lastSignInAt: null, externalOrganization: null },
  memberships: workspaces.map(([wid, name]) => membership(wid, name)),
});

const guests = [
  guest('tom', [
    ['w1', 'Harbour'],
    ['w2', 'Press line'],
  ]),
  guest('una', []),
  guest('vic', [['w1', 'Harbour']]),
];

describe('exposure rows', () => {
  it('lists one row per membership; a guest without any has none', () => {
    expect(membershipRows(guests).map((row) => row.key)).toEqual(['w1/tom', 'w2/tom', 'w1/vic']);
  });

  it('sends the selected memberships in the table’s order', () => {
    const rows = membershipRows(guests);
    expect(selectedItems(rows, new Set(['w1/vic', 'w1/tom']))).toEqual([
      { workspaceId: 'w1', userId: 'tom' },
      { workspaceId: 'w1', userId: 'vic' },
    ]);
  });

  it('maps the problem’s /items/<i> back to the rows, keeping errors that name no item', () => {
    const items = [
      { workspaceId: 'w1', userId: 'tom' },
      { workspaceId: 'w1', userId: 'vic' },
    ];
    const { byRow, other } = itemErrors(items, [
      { path: '/items/1', message: 'is in an archived workspace, which is read-only' },
      { path: '/items/1/userId', message: 'is not a guest membership' },
      { path: '/items/7', message: 'out of range' },
      { path: '/expiresAt', message: 'must be in the future' },
    ]);
    expect([...byRow]).toEqual([['w1/vic', 'is in an archived workspace, which is read-only; is not a guest membership']]);
    expect(byRow.has(rowKey(items[0] ?? { workspaceId: '', userId: '' }))).toBe(false);
    expect(other).toEqual(['out of range', 'must be in the future']);
  });

  it('says what a bulk action did', () => {
    expect(revokedMessage({ revoked: 3, suspended: 1 })).toBe('3 memberships revoked, 1 guest suspended.');
    expect(revokedMessage({ revoked: 1, suspended: 0 })).toBe('1 membership revoked.');
    expect(revokedMessage({ revoked: 4, suspended: 2 })).toBe('4 memberships revoked, 2 guests suspended.');
    expect(extendedMessage(2, 'Dec 31, 2026')).toBe('2 memberships now end on Dec 31, 2026.');
    expect(extendedMessage(1, null)).toBe('1 membership no longer ends.');
  });
});

describe('exposure filters in the address', () => {
  it('keeps only values the API accepts', () => {
    expect(guestFiltersFromSearch(new URLSearchParams('q=tom&status=active&inactiveDays=30&endingWithinDays=0'))).toEqual({
      q: 'tom',
      status: 'active',
      inactiveDays: '30',
      endingWithinDays: '',
    });
    expect(guestFiltersFromSearch(new URLSearchParams('status=deleted&inactiveDays=-3')).status).toBe('');
    expect(daysValue('3650')).toBe('3650');
    expect(daysValue('3651')).toBe('');
    expect(daysValue('1.5')).toBe('');
  });
});
