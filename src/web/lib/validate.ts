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
