import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { tooManyRequests } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import { MINUTE } from '../../lib/time.js';

/** A throttle bucket: at most `max` attempts under `key` within the window. */
export interface Bucket {
  key: string;
  max: number;
}

export const THROTTLE_WINDOW_MS = 15 * MINUTE;

export interface Attempt {
  /** The attempt was good: it stops counting, and so do the earlier failures under `clearKeys`. */
  succeeded(db: Kysely<DB>, clearKeys?: string[]): Promise<void>;
}

/** Seconds until the bucket, without this attempt, would have room again; 0 when it has room now. */
async function waitFor(db: Kysely<DB>, bucket: Bucket, ownIds: string[], since: string, now: number): Promise<number> {
  const rows = await db
    .selectFrom('auth_failures')
    .select('occurred_at')
    .where('key', '=', bucket.key)
    .where('occurred_at', '>', since)
    .where('id', 'not in', ownIds)
    .orderBy('occurred_at', 'desc')
    .offset(bucket.max - 1)
    .limit(1)
    .execute();
  const pivot = rows[0];
  return pivot ? Math.max(1, (Date.parse(pivot.occurred_at) + THROTTLE_WINDOW_MS - now) / 1000) : 0;
}

/**
 * Counts an attempt *before* it is judged, so a burst of parallel guesses cannot all slip under
 * the limit: each one is written first and then sees every other. Refuses with 429 and the longest
 * Retry-After of the full buckets; a refused attempt is not counted. Counting lives in the
 * database, so every node of a cluster sees the same numbers.
 */
export async function beginAttempt(db: Kysely<DB>, buckets: Bucket[]): Promise<Attempt> {
  const now = Date.now();
  const occurredAt = new Date(now).toISOString();
  const rows = buckets.map((b) => ({ id: newId(now), key: b.key, occurred_at: occurredAt }));
  await db.insertInto('auth_failures').values(rows).execute();
  const ids = rows.map((r) => r.id);
  const since = new Date(now - THROTTLE_WINDOW_MS).toISOString();
  const waits = await Promise.all(buckets.map((b) => waitFor(db, b, ids, since, now)));
  const wait = Math.max(0, ...waits);
  if (wait > 0) {
    await db.deleteFrom('auth_failures').where('id', 'in', ids).execute();
    throw tooManyRequests(wait);
  }
  // Housekeeping on the write path keeps the table small without a separate job.
  await db
    .deleteFrom('auth_failures')
    .where('occurred_at', '<', new Date(now - 4 * THROTTLE_WINDOW_MS).toISOString())
    .execute();
  return {
    async succeeded(trx, clearKeys = []) {
      await trx.deleteFrom('auth_failures').where('id', 'in', ids).execute();
      if (clearKeys.length > 0) await trx.deleteFrom('auth_failures').where('key', 'in', clearKeys).execute();
    },
  };
}

/** The rules of quality.md: 10 per account and address, 50 per account across addresses, 100 per address. */
export function signInBuckets(email: string, ip: string): { accountAddress: Bucket; account: Bucket; address: Bucket } {
  return {
    accountAddress: { key: `sign-in:${email}|${ip}`, max: 10 },
    account: { key: `sign-in:${email}`, max: 50 },
    address: { key: `sign-in-ip:${ip}`, max: 100 },
  };
}
