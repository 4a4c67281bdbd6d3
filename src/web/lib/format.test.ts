import { describe, expect, it } from 'vitest';
import { dateTimeGroups, formatDateTime } from './format';

describe('a timestamp in the groups a narrow column may break it into', () => {
  it('gives back the whole formatted text, cut before the year and before the time', () => {
    const iso = '2026-12-06T17:51:00Z';
    const groups = dateTimeGroups(iso) as string[];
    expect(groups).toHaveLength(3);
    expect(groups[1]).toMatch(/2026/);
    expect(groups[2]).toMatch(/\d:\d\d/);
    // Nothing is lost or added but the spaces the line may break at.
    expect(groups.join(' ').replace(/\s+/g, ' ')).toBe(formatDateTime(iso).replace(/\s+/g, ' '));
  });

  it('says nothing for a timestamp that is not one', () => {
    expect(dateTimeGroups('not a date')).toBeNull();
  });
});
