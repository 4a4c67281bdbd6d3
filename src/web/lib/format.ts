const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp in the reader's own locale and time zone; the server always sends UTC. */
export function formatDateTime(iso: string | null, empty = 'Never'): string {
  if (iso === null) return empty;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? empty : dateTime.format(date);
}

/**
 * A timestamp as formatDateTime writes it, in the groups a narrow column may break it into: the day
 * and month, the year, the time ("Dec 6," "2026," "5:51 PM"), never inside one of them.
 */
export function dateTimeGroups(iso: string): string[] | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const groups: string[] = [''];
  for (const part of dateTime.formatToParts(date)) {
    if ((part.type === 'year' || part.type === 'hour') && (groups.at(-1) ?? '').trim() !== '') groups.push('');
    groups[groups.length - 1] += part.value;
  }
  return groups.map((group) => group.trim()).filter((group) => group !== '');
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
