import { HttpProblem } from '../http/problems.js';

/** Opaque list cursors: the sort key of the last item, base64url-encoded JSON. */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'string')) {
      return value as Record<K, string>;
    }
  } catch {
    // fall through to the problem below
  }
  throw badCursor();
}

/** A cursor this list could not have returned (also one whose parts have the wrong form). */
export const badCursor = () =>
  new HttpProblem(400, 'Bad Request', 'The request contains invalid data.', [
    { path: '/querystring/cursor', message: 'is not a cursor this list returned' },
  ]);
