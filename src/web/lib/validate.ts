// Quick checks before a round trip. The server stays the authority and repeats every check;
// these only save the person a wait for the obvious mistakes.

export type FieldErrors = Record<string, string>;

/** One message per empty field; `messages` maps field name → what to ask for. */
export function requireFields(values: Record<string, string>, messages: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(messages)) {
    if ((values[field] ?? '').trim() === '') errors[field] = message;
  }
  return errors;
}

/** Counts characters as people see them (code points), not UTF-16 units. */
export function passwordLengthError(password: string, minLength: number): string | undefined {
  if (password === '') return undefined;
  return [...password].length < minLength ? `Use at least ${minLength} characters.` : undefined;
}

export function passwordHint(minLength: number): string {
  return `At least ${minLength} characters. A few unrelated words make a strong password that is easy to remember.`;
}

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
