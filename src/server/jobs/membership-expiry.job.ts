import { record } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { suspendIfWithoutWorkspace } from '../modules/members/guest-lifecycle.js';

const DAY = 24 * 60 * 60 * 1000;
export const REMINDER_DAYS = 7;

export interface ExpiryRun {
  reminded: number;
  expired: number;
  suspended: number;
}

/**
 * A week before a guest's access ends, records `member.ending_soon` once per end date: the
 * notifications consumer tells the guest and their sponsor (who may extend it), and the e-mails go
 * out as each prefers. The claim (`reminder_sent_at`) and the event commit together.
 */
async function remindSponsors(ctx: AppContext, now: Date): Promise<number> {
  const due = await ctx.db
    .selectFrom('memberships')
    .innerJoin('users as guest', 'guest.id', 'memberships.user_id')
    .select(['memberships.workspace_id', 'memberships.user_id', 'memberships.expires_at', 'memberships.sponsor_id'])
    .where('memberships.status', '=', 'active')
    .where('memberships.reminder_sent_at', 'is', null)
    .where('memberships.expires_at', '>', now.toISOString())
    .where('memberships.expires_at', '<=', new Date(now.getTime() + REMINDER_DAYS * DAY).toISOString())
    .where('guest.kind', '=', 'guest')
    .where('guest.status', '=', 'active')
    .execute();
  let recorded = 0;
  for (const row of due) {
    const expiresAt = row.expires_at;
    if (!expiresAt) continue;
    const claimed = await ctx.db.transaction().execute(async (trx) => {
      // Claim first (of several nodes, or a run that overlaps the previous one, only one records);
      // the membership row is locked before the audit chain's lock.
      const result = await trx
        .updateTable('memberships')
        .set({ reminder_sent_at: now.toISOString() })
        .where('workspace_id', '=', row.workspace_id)
        .where('user_id', '=', row.user_id)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await record(trx, {
        actorId: null,
        action: 'member.ending_soon',
        target: { type: 'user', id: row.user_id },
        workspaceId: row.workspace_id,
        details: { sponsorId: row.sponsor_id, expiresAt },
      });
      return true;
    });
    if (claimed) recorded += 1;
  }
  if (recorded > 0) ctx.wake.events();
  return recorded;
}

/** Marks ended memberships expired (access already stopped at the end date) and suspends guests left without any. */
async function expireMemberships(ctx: AppContext, now: Date): Promise<{ expired: number; suspended: number }> {
  const stamp = now.toISOString();
  const ended = await ctx.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.workspace_id', 'memberships.user_id', 'users.kind'])
    .where('memberships.status', '=', 'active')
    .where('memberships.expires_at', '<=', stamp)
    .execute();
  let expired = 0;
  let suspended = 0;
  for (const row of ended) {
    await ctx.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('memberships')
        .set({ status: 'expired', updated_at: stamp })
        .where('workspace_id', '=', row.workspace_id)
        .where('user_id', '=', row.user_id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
      expired += 1;
      await record(trx, {
        actorId: null,
        action: 'member.expired',
        target: { type: 'user', id: row.user_id },
        workspaceId: row.workspace_id,
      });
      if (row.kind === 'guest' && (await suspendIfWithoutWorkspace(trx, row.user_id, null, stamp))) suspended += 1;
    });
  }
  return { expired, suspended };
}

/** One pass of the membership lifecycle; idempotent, safe to run on every node at once. */
export async function runMembershipExpiry(ctx: AppContext, now = new Date()): Promise<ExpiryRun> {
  // Ending access matters more than the reminders: it runs first and whatever they do.
  const { expired, suspended } = await expireMemberships(ctx, now);
  const reminded = await remindSponsors(ctx, now);
  return { reminded, expired, suspended };
}
