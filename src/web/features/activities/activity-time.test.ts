import { describe, expect, it } from 'vitest';
import { dayHeading, describeWhen, weekdayNames, whenText } from './activity-time';

const visit = {
  startsAt: '2026-07-14T07:00:00.000Z',
  endsAt: '2026-07-14T09:30:00.000Z',
  timeZone: 'Europe/Paris',
  localStartsAt: '2026-07-14T09:00',
};

describe('describeWhen', () => {
  it('shows only the reader’s time when the organizer’s clock shows the same', () => {
    expect(whenText(visit, 'Europe/Paris', 'en-GB')).toBe('Tue 14 Jul, 09:00–11:30');
    // Another zone with the same clock adds nothing.
    expect(describeWhen(visit, 'Europe/Berlin', 'en-GB').organizer).toBeNull();
  });

  it('adds the organizer’s clock and zone when the reader’s differs', () => {
    expect(whenText(visit, 'Europe/London', 'en-GB')).toBe('Tue 14 Jul, 08:00–10:30 (your time) · 09:00 Europe/Paris');
    // Early morning in New York, midnight in Los Angeles; later in Paris, the day before in Los Angeles.
    expect(whenText(visit, 'America/New_York', 'en-GB')).toBe('Tue 14 Jul, 03:00–05:30 (your time) · 09:00 Europe/Paris');
    expect(whenText(visit, 'America/Los_Angeles', 'en-GB')).toBe('Tue 14 Jul, 00:00–02:30 (your time) · 09:00 Europe/Paris');
    const late = { ...visit, startsAt: '2026-07-14T05:00:00.000Z', endsAt: '2026-07-14T06:00:00.000Z', localStartsAt: '2026-07-14T07:00' };
    expect(whenText(late, 'America/Los_Angeles', 'en-GB')).toBe('Mon 13 Jul, 22:00–23:00 (your time) · Tue 14 Jul, 07:00 Europe/Paris');
  });

  it('names both days when the activity ends on another day', () => {
    const night = { ...visit, endsAt: '2026-07-15T05:00:00.000Z' };
    expect(whenText(night, 'Europe/Paris', 'en-GB')).toBe('Tue 14 Jul, 09:00 – Wed 15 Jul, 07:00');
  });

  it('writes the zone’s name with spaces', () => {
    const meeting = { ...visit, timeZone: 'America/New_York', localStartsAt: '2026-07-14T03:00' };
    expect(whenText(meeting, 'Europe/Paris', 'en-GB')).toBe('Tue 14 Jul, 09:00–11:30 (your time) · 03:00 America/New York');
  });
});

describe('calendar labels', () => {
  it('names days and weekdays, Monday first', () => {
    // The punctuation between the parts depends on the ICU version.
    expect(dayHeading('2026-07-14', 'en-GB')).toMatch(/^Tuesday,? 14 July 2026$/);
    expect(weekdayNames('en-GB').map((day) => day.short)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });
});
