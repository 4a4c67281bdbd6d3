import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './hash-token';

describe('tokenFromHash', () => {
  it('reads the token from a setup or reset link', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('token=abc123')).toBe('abc123');
    expect(tokenFromHash('#other=1&token=abc%2Bdef')).toBe('abc+def');
  });

  it('returns null when there is no usable token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#tok=abc')).toBeNull();
  });
});
