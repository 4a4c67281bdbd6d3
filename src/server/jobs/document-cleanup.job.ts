import type { AppContext } from '../context.js';
import { blobReferenced } from '../modules/documents/documents.repo.js';
import { purgeExpiredTrash } from '../modules/documents/trash.service.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Trash older than the retention period is purged; then the store drops bytes no version points at
 * (trash purged, uploads refused after landing, a crash between the bytes and their row) once
 * they are an hour old, so an upload whose row is about to commit is never touched, and temporary
 * files of uploads that died a day ago. At start nothing can be in flight, so `atStart` drops
 * every temporary file at once.
 */
export async function runDocumentCleanup(ctx: AppContext, options: { now?: Date; atStart?: boolean; blobGraceMs?: number } = {}) {
  const purged = await purgeExpiredTrash(ctx, options.now ?? new Date());
  const swept = await ctx.storage.sweep({
    isReferenced: (sha256) => blobReferenced(ctx.db, sha256),
    tmpOlderThanMs: options.atStart ? 0 : 24 * HOUR_MS,
    blobsOlderThanMs: options.blobGraceMs ?? HOUR_MS,
  });
  return { ...purged, ...swept };
}
