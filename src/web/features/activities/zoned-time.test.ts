import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  instantToZoned,
  localDaysOf,
  monthWeeks,
  monthWindow,
  parseDay,
  shiftMonth,
  weekdayIndex,
  zonedToInstant,
  zoneOffset,
} from './zoned-time';

describe('zonedToInstant', () => {
  it('reads a wall time in the given zone, whatever the runtime’s zone', () => {
    expect(zonedToInstant('2026-07-14', '09:00', 'Europe/Paris')).toBe('2026-07-14T07:00:00.000Z');
    expect(zonedToInstant('2026-01-14', '09:00', 'Europe/Paris')).toBe('2026-01-14T08:00:00.000Z');
    expect(zonedToInstant('2026-07-14', '09:00', 'America/New_York')).toBe('2026-07-14T13:00:00.000Z');
    expect(zonedToInstant('2026-07-14', '09:00', 'Asia/Kolkata')).toBe('2026-07-14T03:30:00.000Z');
    expect(zonedToInstant('2026-07-14', '23:30', 'UTC')).toBe('2026-07-14T23:30:00.000Z');
    // The day changes in UTC: 08:00 in Auckland is the previous evening in London.
    expect(zonedToInstant('2026-07-14', '08:00', 'Pacific/Auckland')).toBe('2026-07-13T20:00:00.000Z');
  });

  it('follows the change of the clocks: the day before and after the DST switch differ by an hour', () => {
    // Europe switches to summer time on 29 March 2026 at 01:00 UTC.
    expect(zonedToInstant('2026-03-28', '09:00', 'Europe/Paris')).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedToInstant('2026-03-29', '09:00', 'Europe/Paris')).toBe('2026-03-29T07:00:00.000Z');
    expect(zonedToInstant('2026-03-29', '01:59', 'Europe/Paris')).toBe('2026-03-29T00:59:00.000Z');
    // The United States switch on 8 March 2026.
    expect(zonedToInstant('2026-03-07', '09:00', 'America/New_York')).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedToInstant('2026-03-08', '09:00', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
  });

  it('moves a time the spring change skips forward by the gap', () => {
    // 02:30 does not exist in Paris on 29 March 2026: the clocks jump from 02:00 to 03:00.
    const instant = zonedToInstant('2026-03-29', '02:30', 'Europe/Paris');
    expect(instant).toBe('2026-03-29T01:30:00.000Z');
    expect(instantToZoned(instant as string, 'Europe/Paris')).toEqual({ day: '2026-03-29', time: '03:30' });
  });

  it('takes the first of a time the autumn change repeats', () => {
    // 02:30 happens twice in Paris on 25 October 2026: first in summer time (+2), then in winter time (+1).
    expect(zonedToInstant('2026-10-25', '02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedToInstant('2026-10-25', '03:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('refuses days and times that do not exist', () => {
    expect(zonedToInstant('2026-02-30', '09:00', 'UTC')).toBeNull();
    expect(zonedToInstant('2026-07-14', '24:00', 'UTC')).toBeNull();
    expect(zonedToInstant('14/07/2026', '09:00', 'UTC')).toBeNull();
    expect(zonedToInstant('2026-07-14', '9:00', 'UTC')).toBeNull();
    expect(parseDay('2028-02-29')).toEqual([2028, 2, 29]);
    expect(parseDay('2026-02-29')).toBeNull();
  });

  it('round-trips with instantToZoned', () => {
    for (const zone of ['Europe/Paris', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kathmandu']) {
      const instant = zonedToInstant('2026-11-02', '17:45', zone) as string;
      expect(instantToZoned(instant, zone)).toEqual({ day: '2026-11-02', time: '17:45' });
    }
  });

  it('measures a zone’s offset from UTC', () => {
    expect(zoneOffset(Date.parse('2026-07-14T12:00:00Z'), 'Europe/Paris')).toBe(2 * 3_600_000);
    expect(zoneOffset(Date.parse('2026-01-14T12:00:00.500Z'), 'Europe/Paris')).toBe(3_600_000);
    expect(zoneOffset(Date.parse('2026-01-14T12:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
  });
});

describe('months', () => {
  it('moves between months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-07', 0)).toBe('2026-07');
  });

  it('lays a month out in weeks starting on Monday', () => {
    // 1 July 2026 is a Wednesday; July has 31 days.
    expect(weekdayIndex('2026-07-01')).toBe(2);
    const weeks = monthWeeks('2026-07');
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([null, null, '2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05']);
    expect(weeks[4]).toEqual(['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30', '2026-07-31', null, null]);
    expect(monthWeeks('2026-02').flat().filter(Boolean)).toHaveLength(28);
    expect(monthWeeks('nonsense')).toEqual([]);
  });
});

describe('the reader’s own days (runtime zone Europe/Paris)', () => {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Paris';
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });

  it('asks for a month from local midnight to local midnight, across the DST change', () => {
    expect(monthWindow('2026-03')).toEqual({ from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
    expect(monthWindow('2026-07')).toEqual({ from: '2026-06-30T22:00:00.000Z', to: '2026-07-31T22:00:00.000Z' });
    expect(monthWindow('2026-13')).toBeNull();
  });

  it('places an activity on each local day it touches', () => {
    expect(localDaysOf('2026-07-14T07:00:00Z', '2026-07-14T09:30:00Z')).toEqual(['2026-07-14']);
    // 23:30 UTC on the 13th is already the 14th in Paris.
    expect(localDaysOf('2026-07-13T23:30:00Z', '2026-07-14T01:00:00Z')).toEqual(['2026-07-14']);
    expect(localDaysOf('2026-07-14T20:00:00Z', '2026-07-16T08:00:00Z')).toEqual(['2026-07-14', '2026-07-15', '2026-07-16']);
    // Ending at local midnight stays on its day.
    expect(localDaysOf('2026-07-14T20:00:00Z', '2026-07-14T22:00:00Z')).toEqual(['2026-07-14']);
    // Across the spring change.
    expect(localDaysOf('2026-03-28T20:00:00Z', '2026-03-29T20:00:00Z')).toEqual(['2026-03-28', '2026-03-29']);
  });
});
