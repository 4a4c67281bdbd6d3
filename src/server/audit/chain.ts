import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEventsTable } from '../db/schema.js';

/** The hash before the first entry: a chain starts from it (or, after retention, from the first kept entry's link). */
export const GENESIS = '0'.repeat(64);

export type ChainedFields = Omit<Selectable<AuditEventsTable>, 'hash'>;

/**
 * The entry's hash: SHA-256 over every stored field in a fixed order, the previous entry's hash
 * included, so changing, removing or reordering any entry breaks every link after it.
 */
export function entryHash(e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.id,
    e.occurred_at,
    e.actor_id,
    e.action,
    e.target_type,
    e.target_id,
    e.ip,
    e.details,
    e.workspace_id,
    e.internal,
    e.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainReport {
  /** Entries checked. */
  checked: number;
  /** The first entry kept (older ones may have been removed by retention), or null for an empty log. */
  firstSeq: number | null;
  /** The first entry whose link or hash does not hold, with what is wrong; null when the chain is intact. */
  broken: { seq: number; id: string; problem: string } | null;
}

/**
 * Walks the chain in order, a page at a time, and reports the first broken link: an entry whose
 * hash does not match its fields, whose link does not name the previous entry's hash, or a gap in
 * the numbering. The first kept entry's link is trusted (retention removes the entries before it).
 */
export async function verifyChain(
  readPage: (afterSeq: number, limit: number) => Promise<Selectable<AuditEventsTable>[]>,
  pageSize = 1_000,
): Promise<ChainReport> {
  let checked = 0;
  let firstSeq: number | null = null;
  let previous: { seq: number; hash: string } | null = null;
  for (;;) {
    const page = await readPage(previous?.seq ?? 0, pageSize);
    for (const entry of page) {
      const { hash, ...fields } = entry;
      const broken = (problem: string): ChainReport => ({ checked, firstSeq, broken: { seq: entry.seq, id: entry.id, problem } });
      if (previous === null) {
        firstSeq = entry.seq;
        if (entry.seq === 1 && entry.prev_hash !== GENESIS) return broken('the first entry does not start the chain');
      } else if (entry.seq !== previous.seq + 1) return broken(`entries ${previous.seq + 1} to ${entry.seq - 1} are missing`);
      else if (entry.prev_hash !== previous.hash) return broken('its link does not match the previous entry');
      if (entryHash({ ...fields, internal: Number(fields.internal), seq: Number(fields.seq) }) !== hash)
        return broken('its contents were changed after it was written');
      checked += 1;
      previous = { seq: entry.seq, hash };
    }
    if (page.length < pageSize) return { checked, firstSeq, broken: null };
  }
}
