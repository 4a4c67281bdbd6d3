import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// argon2id with the OWASP-recommended parameters (19 MiB, 2 passes).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Always spend the same time so response timing does not reveal whether an account exists.
  const target = stored ?? (await dummyHash());
  try {
    const ok = await verify(target, password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-just-for-timing');
  return dummy;
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export interface PasswordContext {
  minLength: number;
  email?: string;
  name?: string;
}

/** NIST 800-63B checks: length, blocklist, context words. No composition rules. Returns the reason or null. */
export function passwordProblem(password: string, ctx: PasswordContext): string | null {
  const length = [...password].length;
  if (length < ctx.minLength) return `Use at least ${ctx.minLength} characters.`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'This password is too common. Choose another.';
  const words = ['foyer'];
  if (ctx.email) {
    const email = ctx.email.toLowerCase();
    words.push(email);
    const local = email.split('@')[0] ?? '';
    if (local.length >= 4) words.push(local);
  }
  if (ctx.name && ctx.name.trim().length >= 4) words.push(ctx.name.trim().toLowerCase());
  if (words.some((w) => lower.includes(w))) return 'Do not use "foyer", your name or your e-mail address in the password.';
  return null;
}
