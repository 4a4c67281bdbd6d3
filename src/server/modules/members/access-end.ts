import { invalid } from '../../http/problems.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A membership end date as stored (ISO, UTC): in the future, and for guests no later than the
 * policy's maximum. `null` means no end date, which the maximum forbids for guests.
 */
export function accessEnd(
  path: string,
  value: string | null | undefined,
  guest: boolean,
  maxDays: number,
  now = Date.now(),
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) {
    if (guest && maxDays > 0) throw invalid(path, `is required: guest access ends within ${maxDays} days`);
    return null;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw invalid(path, 'must be a date and time');
  if (at <= now) throw invalid(path, 'must be in the future');
  if (guest && maxDays > 0 && at > now + maxDays * DAY) throw invalid(path, `must be within ${maxDays} days from now`);
  return new Date(at).toISOString();
}

/** The end date a new guest membership gets when the inviter gives none. */
export function defaultAccessEnd(defaultDays: number, now = Date.now()): string | null {
  return defaultDays > 0 ? new Date(now + defaultDays * DAY).toISOString() : null;
}
