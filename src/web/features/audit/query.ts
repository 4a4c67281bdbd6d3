import { withQuery } from '../../lib/query';

// The audit log's filters live in the page address (so a filtered view can be bookmarked, shared and
// reloaded) as people typed them: days, not instants. They become API parameters only here.

export const AUDIT_PATH = '/api/v1/audit';

export type AuditFormat = 'csv' | 'json';

export interface AuditFilters {
  /** A person's id. */
  person: string;
  /** A workspace's id. */
  workspace: string;
  /** An exact action, or a prefix ending in `.` or `*`. */
  action: string;
  /** A calendar day (a date input's value), from the reader's midnight on. */
  from: string;
  /** A calendar day, up to and including it (until the reader's next midnight). */
  to: string;
}

export const FILTER_KEYS = ['person', 'workspace', 'action', 'from', 'to'] as const satisfies readonly (keyof AuditFilters)[];

export const emptyFilters: AuditFilters = { person: '', workspace: '', action: '', from: '', to: '' };

/** Common beginnings of actions, offered while typing (a value ending in "." matches every action under it). */
export const ACTION_PREFIXES = [
  'auth.',
  'user.',
  'member.',
  'invitation.',
  'workspace.',
  'document.',
  'folder.',
  'task.',
  'note.',
  'activity.',
  'comment.',
  'settings.',
  'guest.',
  'exposure.',
  'audit.',
] as const;

/** What the server accepts as `action` (see audit.routes.ts). */
const ACTION_PATTERN = /^[a-z0-9_.]*[a-z0-9_.*]$/;

/** Why an action filter cannot be sent, or null when it can (an empty one means "any"). */
export function actionProblem(action: string): string | null {
  const value = action.trim();
  if (value === '' || (value.length <= 100 && ACTION_PATTERN.test(value))) return null;
  return 'Use lower-case letters, digits, “_” and “.”, e.g. member.removed or member.';
}

export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  return {
    person: search.get('person') ?? '',
    workspace: search.get('workspace') ?? '',
    action: search.get('action') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
}

/** The address's search part with one filter changed; other parameters stay as they were. */
export function withFilter(search: URLSearchParams, key: keyof AuditFilters, value: string): URLSearchParams {
  const next = new URLSearchParams(search);
  if (value.trim() === '') next.delete(key);
  else next.set(key, value.trim());
  return next;
}

/**
 * "2026-03-01" → the instant the reader's local day begins; `dayOffset` 1 gives the next midnight
 * (the end of the day, as the API's `to` is exclusive). Null for anything that is not a real day.
 */
export function localMidnight(day: string, dayOffset = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  const date = Number(match[3]);
  const check = new Date(year, month, date);
  // new Date rolls "2026-02-30" over into March; such days do not exist.
  if (check.getFullYear() !== year || check.getMonth() !== month || check.getDate() !== date) return null;
  return new Date(year, month, date + dayOffset).toISOString();
}

/** The API parameters for these filters: ids as they are, days as instants at the reader's midnight. */
export function auditParams(filters: AuditFilters): Record<string, string | undefined> {
  const action = filters.action.trim();
  return {
    actorId: filters.person || undefined,
    workspaceId: filters.workspace || undefined,
    action: action !== '' && actionProblem(action) === null ? action : undefined,
    from: localMidnight(filters.from) ?? undefined,
    to: localMidnight(filters.to, 1) ?? undefined,
  };
}

/** One page of the list. */
export function auditListPath(filters: AuditFilters, cursor: string | null, limit: number): string {
  return withQuery(AUDIT_PATH, { ...auditParams(filters), limit, cursor });
}

/** The download of every matching entry; a plain link, the session cookie goes along (same origin). */
export function auditDownloadPath(filters: AuditFilters, format: AuditFormat): string {
  return withQuery(AUDIT_PATH, { ...auditParams(filters), format });
}

/** A stable key for "these filters", to start the list over when it changes. */
export function filtersKey(filters: AuditFilters): string {
  return JSON.stringify(auditParams(filters));
}
