import { describe, expect, it } from 'vitest';
import { withQuery } from './query';

describe('withQuery', () => {
  it('adds only the parameters that have a value', () => {
    expect(withQuery('/api/v1/users', { q: '', limit: 25, cursor: null })).toBe('/api/v1/users?limit=25');
    expect(withQuery('/api/v1/users', { q: 'ada lovelace', cursor: 'c/1' })).toBe('/api/v1/users?q=ada+lovelace&cursor=c%2F1');
  });

  it('leaves the path alone when nothing is set', () => {
    expect(withQuery('/api/v1/me/tokens', { cursor: undefined })).toBe('/api/v1/me/tokens');
  });

  it('appends to an existing query', () => {
    expect(withQuery('/x?a=1', { b: 2 })).toBe('/x?a=1&b=2');
  });
});
