import { describe, expect, it } from 'vitest';
import { mergeFirstPage } from './use-paged-list';

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('a live refresh of a list with more pages shown', () => {
  it('puts what the first page brings first and keeps what was loaded further down, once each', () => {
    const shown = [{ id: 'c' }, { id: 'b' }, { id: 'a' }, { id: 'z' }, { id: 'y' }];
    const fresh = [{ id: 'new' }, { id: 'c' }, { id: 'b' }];
    expect(ids(mergeFirstPage(shown, fresh))).toEqual(['new', 'c', 'b', 'a', 'z', 'y']);
  });

  it('takes the fresh copy of an item that changed', () => {
    const merged = mergeFirstPage([{ id: 'a', title: 'old' }], [{ id: 'a', title: 'new' }]);
    expect(merged).toEqual([{ id: 'a', title: 'new' }]);
  });
});
