// How an activity's time reads: in the reader's own zone, with the organizer's clock beside it when
// the two differ ("Tue 14 Jul, 09:00–11:30 (your time) · 09:00 Europe/Paris").

import { wallTime } from '../../../shared/activities';
import { browserTimeZone } from './zoned-time';

export interface ActivityTimes {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  localStartsAt: string;
}

export interface ActivityWhen {
  /** In the reader's zone: "Tue 14 Jul, 09:00–11:30". */
  reader: string;
  /** The organizer's start on their own clock, when it differs from the reader's: "09:00 Europe/Paris". */
  organizer: string | null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string | undefined, zone: string, kind: 'day' | 'time' | 'heading'): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${zone}|${kind}`;
  let result = formats.get(key);
  if (!result) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { weekday: 'short', day: 'numeric', month: 'short' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit' }
          : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
    result = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formats.set(key, result);
  }
  return result;
}

/** When an activity takes place, for a reader in `readerZone` (the browser's zone unless told). */
export function describeWhen(activity: ActivityTimes, readerZone: string = browserTimeZone(), locale?: string): ActivityWhen {
  const start = new Date(activity.startsAt);
  const end = new Date(activity.endsAt);
  const day = format(locale, readerZone, 'day');
  const time = format(locale, readerZone, 'time');
  const startDay = wallTime(start, readerZone).slice(0, 10);
  const endDay = wallTime(end, readerZone).slice(0, 10);
  const reader =
    startDay === endDay
      ? `${day.format(start)}, ${time.format(start)}–${time.format(end)}`
      : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;

  const readerStart = wallTime(start, readerZone);
  if (readerStart === activity.localStartsAt) return { reader, organizer: null };
  const organizerTime = format(locale, activity.timeZone, 'time').format(start);
  const zoneName = activity.timeZone.replaceAll('_', ' ');
  const organizerDay = activity.localStartsAt.slice(0, 10);
  const organizer =
    organizerDay === startDay
      ? `${organizerTime} ${zoneName}`
      : `${format(locale, activity.timeZone, 'day').format(start)}, ${organizerTime} ${zoneName}`;
  return { reader, organizer };
}

/** The whole line: "Tue 14 Jul, 09:00–11:30" or "Tue 14 Jul, 09:00–11:30 (your time) · 09:00 Europe/Paris". */
export function whenText(activity: ActivityTimes, readerZone?: string, locale?: string): string {
  const when = describeWhen(activity, readerZone, locale);
  return when.organizer ? `${when.reader} (your time) · ${when.organizer}` : when.reader;
}

/** A day key (YYYY-MM-DD) as a heading: "Tuesday 14 July 2026". */
export function dayHeading(day: string, locale?: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : format(locale, 'UTC', 'heading').format(date);
}

/** A month key (YYYY-MM) as a caption: "July 2026". */
export function monthHeading(month: string, locale?: string): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? month
    : new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The seven weekday names, Monday first: short for the column headers, long for screen readers. */
export function weekdayNames(locale?: string): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(Date.UTC(2024, 0, 1 + i, 12));
    return { short: short.format(date), long: long.format(date) };
  });
}

/** The time zones a select offers, the given ones first if the runtime does not list them (e.g. "UTC"). */
export function timeZoneOptions(...extra: string[]): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const missing = [...new Set(extra)].filter((zone) => zone && !zones.includes(zone));
  return [...missing, ...zones];
}
