import { formatDateTime } from '../../lib/format';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When a comment was written, for reading in a thread: "just now", "5 minutes ago", "yesterday"…
 * for the last week, then the date and time. The exact moment is always in the `<time>` element.
 */
export function commentTime(iso: string, now: Date = new Date()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return formatDateTime(iso);
  const ago = now.getTime() - time;
  if (ago < -MINUTE || ago >= 7 * DAY) return formatDateTime(iso);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), 'hour');
  return relative.format(-Math.floor(ago / DAY), 'day');
}

/** "9,200 of 10,000 characters" once the text is this close to the limit, else null. */
export function characterCount(length: number, limit: number, from = 0.8): string | null {
  if (length < limit * from) return null;
  const n = new Intl.NumberFormat();
  return `${n.format(length)} of ${n.format(limit)} characters`;
}
