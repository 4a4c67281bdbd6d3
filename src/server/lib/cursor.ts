import { textProblem } from '../http/input-guards.js';
import { HttpProblem } from '../http/problems.js';

/** Opaque list cursors: the sort key of the last item, base64url-encoded JSON. */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // The base64 hides its text from the request's own checks, so they are made here.
    const isText = (part: unknown) => typeof part === 'string' && textProblem(part) === null;
    if (value && typeof value === 'object' && keys.every((k) => isText((value as Record<string, unknown>)[k]))) {
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
