// Access end dates are picked as calendar days and stored as the last moment of that day in UTC,
// so the day shown back is always read in UTC too: otherwise readers west or east of UTC would
// see the day before or after the one that was picked.

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-12-31" (a date input's value) → "2026-12-31T23:59:59.999Z"; null for anything else. */
export function endOfDayUtc(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!match) return null;
  const [, year, month, date] = match;
  const time = Date.UTC(Number(year), Number(month) - 1, Number(date), 23, 59, 59, 999);
  const parsed = new Date(time);
  // Date.UTC rolls "2026-02-30" over into March; refuse days that do not exist.
  if (parsed.getUTCDate() !== Number(date) || parsed.getUTCMonth() !== Number(month) - 1) return null;
  return parsed.toISOString();
}

/** The UTC calendar day of a timestamp, as a date input wants it; "" when there is none. */
export function toDayInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** Today in UTC as a date input value, for the earliest day a picker offers. */
export function todayDayInput(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An access end date for reading, e.g. "Dec 31, 2026"; `empty` when there is none. */
export function formatDay(iso: string | null, empty = 'No end date'): string {
  if (iso === null) return empty;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? empty : dayFormat.format(date);
}
