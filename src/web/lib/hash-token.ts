/**
 * Links from e-mails and the server log carry their secret after "#" (e.g. "#token=abc"),
 * which browsers never send to servers or put in Referer headers.
 */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}
