import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { tooManyRequests } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import { MINUTE } from '../../lib/time.js';

/** A throttle bucket: at most `max` failures under `key` within the window. */
export interface Bucket {
  key: string;
  max: number;
}

export const THROTTLE_WINDOW_MS = 15 * MINUTE;

/**
 * Refuses with 429 + Retry-After when any bucket is full. Counting lives in the database so every
 * node of a cluster sees the same numbers.
 */
export async function assertNotThrottled(db: Kysely<DB>, buckets: Bucket[]): Promise<void> {
  const now = Date.now();
  const since = new Date(now - THROTTLE_WINDOW_MS).toISOString();
  for (const bucket of buckets) {
    const row = await db
      .selectFrom('auth_failures')
      .select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.min('occurred_at').as('oldest')])
      .where('key', '=', bucket.key)
      .where('occurred_at', '>', since)
      .executeTakeFirst();
    if (row && Number(row.count) >= bucket.max && row.oldest) {
      // Wait until enough of the oldest failures have aged out of the window.
      const ages = await db
        .selectFrom('auth_failures')
        .select('occurred_at')
        .where('key', '=', bucket.key)
        .where('occurred_at', '>', since)
        .orderBy('occurred_at', 'desc')
        .offset(bucket.max - 1)
        .limit(1)
        .executeTakeFirst();
      const pivot = Date.parse(ages?.occurred_at ?? row.oldest);
      throw tooManyRequests((pivot + THROTTLE_WINDOW_MS - now) / 1000);
    }
  }
}

export async function recordFailure(db: Kysely<DB>, buckets: Bucket[]): Promise<void> {
  const occurredAt = new Date().toISOString();
  await db
    .insertInto('auth_failures')
    .values(buckets.map((b) => ({ id: newId(), key: b.key, occurred_at: occurredAt })))
    .execute();
  // Housekeeping on the write path keeps the table small without a separate job.
  await db
    .deleteFrom('auth_failures')
    .where('occurred_at', '<', new Date(Date.now() - 4 * THROTTLE_WINDOW_MS).toISOString())
    .execute();
}

export async function clearFailures(db: Kysely<DB>, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom('auth_failures').where('key', 'in', keys).execute();
}

/** The rules of quality.md: 10 per account and address, 50 per account across addresses, 100 per address. */
export function signInBuckets(email: string, ip: string): { accountAddress: Bucket; account: Bucket; address: Bucket } {
  return {
    accountAddress: { key: `sign-in:${email}|${ip}`, max: 10 },
    account: { key: `sign-in:${email}`, max: 50 },
    address: { key: `sign-in-ip:${ip}`, max: 100 },
  };
}
