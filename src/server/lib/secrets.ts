import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A 256-bit secret for links, sessions and API tokens; only its hash is ever stored. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

// The one-shot hash: every request with a session cookie hashes it, and a Hash object costs twice as much.
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
