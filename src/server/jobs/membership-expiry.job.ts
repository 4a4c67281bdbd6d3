import { record } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { renderMail } from '../mail/layout.js';
import { suspendIfWithoutWorkspace } from '../modules/members/guest-lifecycle.js';

const DAY = 24 * 60 * 60 * 1000;
export const REMINDER_DAYS = 7;

export interface ExpiryRun {
  reminded: number;
  expired: number;
  suspended: number;
}

/** Tells sponsors a week ahead that a guest's access ends, once per end date. */
async function remindSponsors(ctx: AppContext, now: Date): Promise<number> {
  const due = await ctx.db
    .selectFrom('memberships')
    .innerJoin('users as guest', 'guest.id', 'memberships.user_id')
    .innerJoin('users as sponsor', 'sponsor.id', 'memberships.sponsor_id')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select([
      'memberships.workspace_id',
      'memberships.user_id',
      'memberships.expires_at',
      'guest.name as guest_name',
      'sponsor.email as sponsor_email',
      'workspaces.name as workspace_name',
    ])
    .where('memberships.status', '=', 'active')
    .where('memberships.reminder_sent_at', 'is', null)
    .where('memberships.expires_at', '>', now.toISOString())
    .where('memberships.expires_at', '<=', new Date(now.getTime() + REMINDER_DAYS * DAY).toISOString())
    .where('guest.kind', '=', 'guest')
    .where('sponsor.status', '=', 'active')
    .execute();
  let sent = 0;
  for (const row of due) {
    // Claim first: of several nodes, or a run that overlaps the previous one, only one sends.
    const claimed = await ctx.db
      .updateTable('memberships')
      .set({ reminder_sent_at: now.toISOString() })
      .where('workspace_id', '=', row.workspace_id)
      .where('user_id', '=', row.user_id)
      .where('reminder_sent_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1 || !row.expires_at) continue;
    const day = row.expires_at.slice(0, 10);
    const { text, html } = renderMail({
      greeting: 'Hello,',
      paragraphs: [
        `${row.guest_name}'s access to the workspace "${row.workspace_name}" ends on ${day} (UTC).`,
        'If the work goes on, open the workspace and give a later end date in its member list. Otherwise nothing needs to be done.',
      ],
      footer: 'You receive this because you invited this guest.',
    });
    try {
      const subject = `Guest access ends on ${day}: ${row.workspace_name}`.replace(/\p{Cc}+/gu, ' ');
      await ctx.mailer.send({ to: row.sponsor_email, subject, text, html });
      sent += 1;
    } catch (err) {
      // Give the claim back so the next pass tries again; one failed message stops nothing else.
      ctx.log.error({ err, workspaceId: row.workspace_id, userId: row.user_id }, 'sponsor reminder could not be sent');
      await ctx.db
        .updateTable('memberships')
        .set({ reminder_sent_at: null })
        .where('workspace_id', '=', row.workspace_id)
        .where('user_id', '=', row.user_id)
        .execute();
    }
  }
  return sent;
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
