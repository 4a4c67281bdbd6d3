// Wall-clock times in a named time zone, with nothing but Intl: what the organizer types ("09:00 on
// 14 July in Paris") becomes one instant, and instants are read back as days and times in the
// reader's own zone. Pure functions: the zone is always a parameter, so tests need no fake clock.

import { wallTime } from '../../../shared/activities';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The browser's own IANA time zone, e.g. "Europe/Paris" ("UTC" when the runtime does not say). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(zone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    offsetFormats.set(zone, format);
  }
  return format;
}

/** How far `zone`'s clocks are ahead of UTC at an instant, in milliseconds (Paris in July: +2 h). */
export function zoneOffset(instant: number, zone: string): number {
  const parts = offsetFormat(zone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  // Whole seconds only: the instant's milliseconds are not part of the wall time.
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** "2026-07-14" → [2026, 7, 14], or null for anything that is not a real calendar day. */
export function parseDay(day: string): [number, number, number] | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return [year, month, date];
}

/** "09:30" → [9, 30], or null. */
export function parseTime(time: string): [number, number] | null {
  const match = TIME_PATTERN.exec(time);
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour < 24 && minute < 60 ? [hour, minute] : null;
}

/**
 * The instant at which the clocks of `zone` show `day` `time`, as an ISO string in UTC; null when
 * the day or time is not valid. Around a change of the clocks it decides like a calendar does
 * (Temporal's "compatible"): a time skipped in spring (02:30 in Paris on the last Sunday of March)
 * moves forward by the gap (03:30 summer time); a time that happens twice in autumn is the first.
 */
export function zonedToInstant(day: string, time: string, zone: string): string | null {
  const date = parseDay(day);
  const clock = parseTime(time);
  if (!date || !clock) return null;
  const asUtc = Date.UTC(date[0], date[1] - 1, date[2], clock[0], clock[1]);
  // The offsets a day before and a day after: clocks never change twice within two days.
  const before = zoneOffset(asUtc - DAY, zone);
  const after = zoneOffset(asUtc + DAY, zone);
  const wanted = `${day}T${time}`;
  const candidates = [...new Set([asUtc - before, asUtc - after])]
    .filter((instant) => wallTime(new Date(instant), zone) === wanted)
    .sort((a, b) => a - b);
  const chosen = candidates[0] ?? asUtc - before;
  return new Date(chosen).toISOString();
}

/** The day and time an instant shows on the clocks of `zone`: { day: "2026-07-14", time: "09:00" }. */
export function instantToZoned(instant: string | Date, zone: string): { day: string; time: string } {
  const [day = '', time = ''] = wallTime(instant, zone).split('T');
  return { day, time };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A Date's calendar day in the runtime's own zone (the reader's), as YYYY-MM-DD. */
export function localDayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The reader's current month as YYYY-MM. */
export function localMonthKey(date: Date = new Date()): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

/** "2026-07" → [2026, 7], or null. */
export function parseMonth(month: string | null | undefined): [number, number] | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  if (!match) return null;
  const [year, value] = [Number(match[1]), Number(match[2])];
  return year >= 1970 && year <= 9999 && value >= 1 && value <= 12 ? [year, value] : null;
}

/** The month `delta` months from `month` ("2026-12", +1 → "2027-01"). */
export function shiftMonth(month: string, delta: number): string {
  const parsed = parseMonth(month);
  if (!parsed) return month;
  const index = parsed[0] * 12 + (parsed[1] - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/**
 * A month of the reader's calendar as a window for the API: from local midnight on the 1st to local
 * midnight on the 1st of the next month, both as ISO instants (the runtime's zone is the reader's).
 */
export function monthWindow(month: string): { from: string; to: string } | null {
  const parsed = parseMonth(month);
  if (!parsed) return null;
  const from = new Date(parsed[0], parsed[1] - 1, 1);
  const to = new Date(parsed[0], parsed[1], 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The days of a month as YYYY-MM-DD, first to last. */
export function daysOfMonth(month: string): string[] {
  const parsed = parseMonth(month);
  if (!parsed) return [];
  const count = new Date(Date.UTC(parsed[0], parsed[1], 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${pad(i + 1)}`);
}

/** 0 for Monday … 6 for Sunday (weeks start on Monday, as in ISO 8601). */
export function weekdayIndex(day: string): number {
  const parsed = parseDay(day);
  if (!parsed) return 0;
  return (new Date(Date.UTC(parsed[0], parsed[1] - 1, parsed[2])).getUTCDay() + 6) % 7;
}

/** A month as weeks of seven cells, Monday first; the days of the neighbouring months are null. */
export function monthWeeks(month: string): (string | null)[][] {
  const days = daysOfMonth(month);
  if (days.length === 0) return [];
  const cells: (string | null)[] = [...Array<null>(weekdayIndex(days[0] as string)).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The reader's days (YYYY-MM-DD) an activity touches, first to last; a 09:00–10:00 visit touches one. */
export function localDaysOf(startsAt: string, endsAt: string): string[] {
  const start = new Date(startsAt);
  // An activity ending at midnight does not spill into the next day.
  const last = new Date(Math.max(start.getTime(), new Date(endsAt).getTime() - MINUTE));
  const days: string[] = [];
  const cursor = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const end = localDayKey(last);
  for (let guard = 0; guard < 40; guard += 1) {
    const key = localDayKey(cursor);
    days.push(key);
    if (key >= end) break;
    cursor.setDate(cursor.getDate() + 1);
  }
  return days;
}
