// How a comment thread (oldest first, a page at a time) takes in what the server answers, without
// losing what was done on this page meanwhile and without ever showing a comment twice.

interface ThreadComment {
  id: string;
  createdAt: string;
}

/** Time order, the id breaking ties: the order of the server's pages. */
export function byTime(a: ThreadComment, b: ThreadComment): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A further page ("Load more") after what is shown. Comments posted here were shown at the end before
 * their page arrived: they are not shown twice, and time order is kept.
 */
export function withNextPage<T extends ThreadComment>(current: readonly T[], page: readonly T[], local: LocalChanges<T> = new Map()): T[] {
  const known = new Set(current.map((comment) => comment.id));
  // A comment deleted here while the page was on its way must not come back with it.
  const fresh = page.filter((comment) => !known.has(comment.id) && local.get(comment.id) !== null);
  return [...current, ...fresh].sort(byTime);
}

/** What this page did while a read was on its way: the comment as saved here, or null once deleted here. */
export type LocalChanges<T> = ReadonlyMap<string, T | null>;

/**
 * The thread after its first pages were read again (a live update), swapped in one go.
 *
 * - The pages read again are the truth for the time they cover: a comment shown there but missing
 *   from them was deleted (or is no longer visible to the reader) and goes.
 * - When they did not reach the end of the thread, comments shown after the last one read (posted
 *   here while later pages were not loaded) stay, as before.
 * - Changes made here while the read was on its way (posted, edited, deleted) may be newer than the
 *   answer: they are applied over it.
 */
export function mergeReread<T extends ThreadComment>(
  current: readonly T[],
  reread: { items: readonly T[]; complete: boolean },
  local: LocalChanges<T> = new Map(),
): T[] {
  const byId = new Map<string, T>();
  for (const comment of reread.items) byId.set(comment.id, comment);
  if (!reread.complete) {
    const last = reread.items.at(-1);
    for (const comment of current) {
      if (!byId.has(comment.id) && (last === undefined || byTime(comment, last) > 0)) byId.set(comment.id, comment);
    }
  }
  for (const [id, comment] of local) {
    if (comment === null) byId.delete(id);
    else byId.set(id, comment);
  }
  return [...byId.values()].sort(byTime);
}

/**
 * The comments a re-read brought that were not shown before. Only when the thread shown had reached
 * its end: otherwise comments that were on a page not loaded yet can move up into the pages read
 * again (after a deletion), and they are not new.
 */
export function arrivals<T extends ThreadComment>(before: readonly T[], after: readonly T[], beforeReachedEnd: boolean): T[] {
  if (!beforeReachedEnd) return [];
  const known = new Set(before.map((comment) => comment.id));
  return after.filter((comment) => !known.has(comment.id));
}

/** The words a screen reader hears when comments by someone else arrived. */
export function arrivalMessage(count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? '1 new comment.' : `${count} new comments.`;
}
