// Planned-activity vocabulary shared by the server and the web UI.

export const ACTIVITY_STATUSES = ['planned', 'confirmed', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Shared activities are seen by the workspace's guests; internal ones by its employees only. */
export const ACTIVITY_VISIBILITIES = ['shared', 'internal'] as const;
export type ActivityVisibility = (typeof ACTIVITY_VISIBILITIES)[number];

/**
 * `update`: everything about the activity, its status included (employees);
 * `confirm`: say it will take place as planned; `complete`: say it took place, with a remark
 * (employees, and attending guests — never read-only viewers).
 */
export const ACTIVITY_ACTIONS = ['read', 'update', 'confirm', 'complete'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export const ACTIVITY_LIMITS = {
  title: 300,
  description: 20_000,
  location: 500,
  attendees: 100,
  remark: 2_000,
  /** An activity lasts at most this long: a calendar entry, not a season. */
  days: 31,
} as const;

/**
 * The IANA zone as given, with the capitals of the runtime's own list ("europe/paris" →
 * "Europe/Paris"), or null for a zone the runtime does not know. Aliases stay as written
 * ("Asia/Kolkata" is not turned into "Asia/Calcutta").
 */
export function canonicalTimeZone(zone: string): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return null;
  }
  const lower = zone.toLowerCase();
  return Intl.supportedValuesOf('timeZone').find((known) => known.toLowerCase() === lower) ?? zone;
}

/**
 * The wall-clock time of an instant in a zone, as `YYYY-MM-DDTHH:mm` (e.g. what the organizer
 * chose, "09:00 in Paris"), for readers in other zones and for calendar entries.
 */
export function wallTime(instant: string | Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}
