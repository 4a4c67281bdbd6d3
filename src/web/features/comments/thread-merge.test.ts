import { describe, expect, it } from 'vitest';
import { arrivalMessage, arrivals, byTime, mergeReread, withNextPage } from './thread-merge';

interface C {
  id: string;
  createdAt: string;
  body?: string;
}

const at = (minute: number, id = `c${minute}`, body = ''): C => ({
  id,
  createdAt: `2026-06-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  body,
});
const ids = (list: readonly C[]) => list.map((comment) => comment.id);

describe('comment thread merging', () => {
  it('orders by time, then by id for comments written in the same instant', () => {
    expect(ids([at(3), at(1, 'b'), at(1, 'a'), at(2)].sort(byTime))).toEqual(['a', 'b', 'c2', 'c3']);
  });

  it('adds a further page after what is shown, without showing a comment posted here twice', () => {
    // c9 was posted here while the page with c4..c5 was not loaded yet.
    const shown = [at(1), at(2), at(9)];
    expect(ids(withNextPage(shown, [at(4), at(5), at(9)]))).toEqual(['c1', 'c2', 'c4', 'c5', 'c9']);
  });

  it('does not bring back with a further page a comment deleted here while that page was on its way', () => {
    // c9 was posted here, then deleted here while "Load more" was asking for the page that holds it.
    const shown = [at(1), at(2)];
    expect(ids(withNextPage(shown, [at(4), at(9)], new Map([['c9', null]])))).toEqual(['c1', 'c2', 'c4']);
  });

  it('swaps in a thread read again to its end: new comments in time order, edits, and deletions elsewhere', () => {
    const shown = [at(1, 'c1', 'first'), at(2), at(3)];
    const reread = [at(1, 'c1', 'first, edited'), at(3), at(4), at(5)];
    const merged = mergeReread(shown, { items: reread, complete: true });
    expect(ids(merged)).toEqual(['c1', 'c3', 'c4', 'c5']);
    expect(merged[0]?.body).toBe('first, edited');
  });

  it('keeps what is shown after the pages read again when they did not reach the end', () => {
    // Two pages of the thread; the reader loaded one and posted c9 here (shown at the end).
    const shown = [at(1), at(2), at(9)];
    const merged = mergeReread(shown, { items: [at(1), at(3)], complete: false });
    expect(ids(merged)).toEqual(['c1', 'c3', 'c9']);
    // c2 lies within the pages read again and is missing from them: it was deleted.
    expect(ids(merged)).not.toContain('c2');
  });

  it('applies over the answer what was posted, edited or deleted here while it was on its way', () => {
    const shown = [at(1, 'c1', 'old'), at(2), at(3)];
    // The read left before: it has neither the comment posted here (c4), nor the edit of c1, and still has c2.
    const reread = [at(1, 'c1', 'old'), at(2), at(3)];
    const local = new Map<string, C | null>([
      ['c4', at(4)],
      ['c1', at(1, 'c1', 'new')],
      ['c2', null],
    ]);
    const merged = mergeReread(shown, { items: reread, complete: true }, local);
    expect(ids(merged)).toEqual(['c1', 'c3', 'c4']);
    expect(merged[0]?.body).toBe('new');
  });

  it('never shows a comment twice, whatever the answer repeats', () => {
    const merged = mergeReread([at(1), at(2)], { items: [at(1), at(2), at(2), at(3)], complete: false }, new Map([['c3', at(3)]]));
    expect(ids(merged)).toEqual(['c1', 'c2', 'c3']);
  });

  it('counts as arrived only comments not shown before, and only when the thread shown had reached its end', () => {
    const before = [at(1), at(2)];
    const after = [at(1), at(2), at(3), at(4)];
    expect(ids(arrivals(before, after, true))).toEqual(['c3', 'c4']);
    expect(arrivals(after, after, true)).toEqual([]);
    // Later pages were not loaded: c3 may only have moved up after a deletion.
    expect(arrivals(before, after, false)).toEqual([]);
  });

  it('says how many new comments arrived', () => {
    expect(arrivalMessage(0)).toBeNull();
    expect(arrivalMessage(1)).toBe('1 new comment.');
    expect(arrivalMessage(3)).toBe('3 new comments.');
  });
});
