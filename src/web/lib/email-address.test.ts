import { describe, expect, it } from 'vitest';
import { EMAIL_MAX_LENGTH, emailAddressError, emailFormatMessage } from './email-address';

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
