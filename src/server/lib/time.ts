export function isoAfter(ms: number, from = Date.now()): string {
  return new Date(from + ms).toISOString();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
