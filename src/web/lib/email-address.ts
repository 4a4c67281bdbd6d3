// A quick look at an e-mail address before a round trip; the server checks it again.

/**
 * The shape the server accepts (JSON Schema's "email" format as ajv-formats checks it): a local part
 * of dot-separated atoms, "@", and a domain of at least two labels. Anything this accepts, the
 * server accepts too, so the form never refuses an address the server would have taken.
 */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** The longest address the server stores (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;

export const emailFormatMessage = 'Enter an e-mail address, such as name@example.com';

/**
 * What is wrong with a typed address, in words, or `undefined` when it looks right. An empty field
 * is left to the form's own "enter the address" message.
 */
export function emailAddressError(value: string): string | undefined {
  const email = value.trim();
  if (email === '') return undefined;
  if (email.length > EMAIL_MAX_LENGTH) return `Use an e-mail address of at most ${EMAIL_MAX_LENGTH} characters.`;
  return EMAIL.test(email) ? undefined : emailFormatMessage;
}
