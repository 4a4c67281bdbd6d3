import { describe, expect, it } from 'vitest';
import { endOfDayUtc, formatDay, toDayInput, todayDayInput } from './dates';

describe('endOfDayUtc', () => {
  it('ends access at the last moment of the picked day in UTC', () => {
    expect(endOfDayUtc('2026-12-31')).toBe('2026-12-31T23:59:59.999Z');
  });

  it('refuses days that do not exist or are not dates', () => {
    expect(endOfDayUtc('2026-02-30')).toBeNull();
    expect(endOfDayUtc('')).toBeNull();
    expect(endOfDayUtc('31.12.2026')).toBeNull();
  });
});

describe('toDayInput', () => {
  it('gives back the day that was picked', () => {
    expect(toDayInput(endOfDayUtc('2026-12-31'))).toBe('2026-12-31');
  });

  it('is empty without a date', () => {
    expect(toDayInput(null)).toBe('');
    expect(toDayInput('not a date')).toBe('');
  });
});

describe('todayDayInput', () => {
  it('uses the UTC day', () => {
    expect(todayDayInput(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-01');
  });
});

describe('formatDay', () => {
  it('shows the picked day whatever the reader’s time zone', () => {
    expect(formatDay('2026-12-31T23:59:59.999Z')).toContain('31');
  });

  it('says when there is no end', () => {
    expect(formatDay(null)).toBe('No end date');
  });
});
