import { HttpProblem } from './problems.js';

/** 412 for a client that read an older version: nothing was changed (RFC 9110). */
export const preconditionFailed = (what: string, verb: 'changed' | 'saved' = 'changed') =>
  new HttpProblem(
    412,
    'Precondition Failed',
    `Someone else ${verb} this ${what} after you loaded it. Reload it to see their changes, then try again.`,
  );

/**
 * `If-Match` against the current strong ETag: absent or `*` means "whatever is there"; a list
 * passes when one of its tags is current. Every object people edit goes through this one check.
 */
export function assertIfMatch(ifMatch: string | undefined, etag: string, what: string, verb?: 'changed' | 'saved'): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  if (!ifMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) throw preconditionFailed(what, verb);
}
