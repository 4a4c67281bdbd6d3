// Retry-After may be delta-seconds or an HTTP date (RFC 9110 §10.2.3); accept both.
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP date always names a weekday and month; this keeps "-5" from parsing as a year.
  if (!/[a-z]/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Rounds up so we never invite someone to retry before the server will let them. */
export function tooManyAttemptsMessage(seconds: number | null): string {
  if (seconds === null) return 'Too many attempts, try again later.';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
