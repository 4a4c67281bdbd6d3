import { describe, expect, it } from 'vitest';
import { linesToList, listToLines, sameList } from './lines';

describe('linesToList', () => {
  it('keeps one entry per line without blanks or repeats', () => {
    expect(linesToList(' supplier.example \n\n\nSupplier.example\npartner.example\n')).toEqual(['supplier.example', 'partner.example']);
  });

  it('accepts comma separated pastes', () => {
    expect(linesToList('a.example, b.example;c.example')).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('is empty for empty text', () => {
    expect(linesToList('  \n ')).toEqual([]);
  });
});

describe('listToLines', () => {
  it('puts one entry per line', () => {
    expect(listToLines(['a.example', 'b.example'])).toBe('a.example\nb.example');
    expect(listToLines(undefined)).toBe('');
  });
});

describe('sameList', () => {
  it('compares entries in order', () => {
    expect(sameList(['a'], ['a'])).toBe(true);
    expect(sameList(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameList([], ['a'])).toBe(false);
  });
});
