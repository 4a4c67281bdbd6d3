import { describe, expect, it } from 'vitest';
import { parseRetryAfter, tooManyAttemptsMessage } from './retry-after';

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores missing or unreadable values', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('-5')).toBeNull();
  });
});

describe('tooManyAttemptsMessage', () => {
  it('rounds up to whole minutes so nobody retries too early', () => {
    expect(tooManyAttemptsMessage(900)).toBe('Too many attempts, try again in 15 minutes.');
    expect(tooManyAttemptsMessage(61)).toBe('Too many attempts, try again in 2 minutes.');
  });

  it('never says zero minutes', () => {
    expect(tooManyAttemptsMessage(0)).toBe('Too many attempts, try again in 1 minute.');
    expect(tooManyAttemptsMessage(30)).toBe('Too many attempts, try again in 1 minute.');
  });

  it('has a message without a Retry-After header', () => {
    expect(tooManyAttemptsMessage(null)).toBe('Too many attempts, try again later.');
  });
});
