import { describe, expect, it } from 'vitest';
import { passwordLengthError, requireFields } from './validate';

describe('requireFields', () => {
  it('asks for each empty or blank field', () => {
    expect(requireFields({ email: ' ', password: 'x' }, { email: 'Enter your e-mail.', password: 'Enter it.' })).toEqual({
      email: 'Enter your e-mail.',
    });
  });
});

describe('passwordLengthError', () => {
  it('counts characters as people see them', () => {
    // Four emoji are eight UTF-16 units but four characters.
    expect(passwordLengthError('😀😀😀😀', 5)).toBe('Use at least 5 characters.');
    expect(passwordLengthError('😀😀😀😀😀', 5)).toBeUndefined();
  });

  it('leaves empty passwords to the "required" message', () => {
    expect(passwordLengthError('', 12)).toBeUndefined();
  });
});
