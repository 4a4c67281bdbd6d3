import { describe, expect, it } from 'vitest';
import { EMAIL_MAX_LENGTH, emailAddressError, emailFormatMessage, passwordLengthError, requireFields } from './validate';

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

describe('emailAddressError', () => {
  it('says in words what an address needs when the typed text is not one', () => {
    for (const typed of [
      'not-an-email',
      'name@',
      '@example.com',
      'name@example',
      'name@@example.com',
      'two words@example.com',
      'name@exa mple.com',
      'name.@example.com',
      'name@-example.com',
    ]) {
      expect(emailAddressError(typed), typed).toBe(emailFormatMessage);
    }
    expect(emailFormatMessage).toBe('Enter an e-mail address, such as name@example.com');
  });

  it('accepts the addresses the server accepts, around spaces the form trims', () => {
    for (const typed of ['name@example.com', ' Tom.Technician@supplier.example ', "o'brien+foyer@mail.example.co.uk", 'x@a-b.example']) {
      expect(emailAddressError(typed), typed).toBeUndefined();
    }
  });

  it('leaves an empty field to the form’s own request for the address', () => {
    expect(emailAddressError('')).toBeUndefined();
    expect(emailAddressError('   ')).toBeUndefined();
  });

  it('refuses an address longer than the server stores', () => {
    const long = `${'a'.repeat(EMAIL_MAX_LENGTH - '@example.com'.length + 1)}@example.com`;
    expect(emailAddressError(long)).toBe(`Use an e-mail address of at most ${EMAIL_MAX_LENGTH} characters.`);
    expect(emailAddressError(long.slice(1))).toBeUndefined();
  });
});
