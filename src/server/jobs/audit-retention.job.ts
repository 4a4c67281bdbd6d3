import { record } from '../audit/record.js';
import type { AppContext } from '../context.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Removes audit entries older than the retention period, always from the start of the chain (by
 * sequence number), so what is kept still verifies from its first entry. The removal is itself an
 * entry of the log.
 */
export async function runAuditRetention(ctx: AppContext, now = new Date()): Promise<number> {
  const days = ctx.config.auditRetentionDays;
  if (days <= 0) return 0;
  const cutoff = new Date(now.getTime() - days * DAY).toISOString();
  const last = await ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('occurred_at', '<', cutoff)
    .executeTakeFirst();
  const newest = await ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  // Entries are also the domain events (decision 020): none goes before every consumer handled it.
  const handled = await ctx.db
    .selectFrom('event_consumers')
    .select((eb) => eb.fn.min('last_seq').as('seq'))
    .executeTakeFirst();
  // The newest entry always stays, so the chain goes on from it and numbers are never used twice.
  const through =
    last?.seq == null ? null : Math.min(Number(last.seq), Number(newest?.seq ?? 0) - 1, Number(handled?.seq ?? Number.MAX_SAFE_INTEGER));
  if (through === null || through < 1) return 0;
  return ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('audit_events').where('seq', '<=', through).executeTakeFirst();
    const count = Number(removed.numDeletedRows);
    if (count === 0) return 0;
    await record(trx, { actorId: null, action: 'audit.purged', details: { through, removed: count, retentionDays: days } });
    return count;
  });
}
