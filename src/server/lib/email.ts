/** E-mail addresses are compared case-insensitively everywhere; we store them trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
