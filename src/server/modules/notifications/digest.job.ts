import { sql } from 'kysely';
import { actorOfUser } from '../../authz/actor-loader.js';
import { visibleNotifications } from '../../authz/scope.js';
import { publicOrigin } from '../../config/config.js';
import type { AppContext } from '../../context.js';
import { stillSeenBy } from '../../events/event-visibility.js';
import { enqueue, type JobHandler } from '../../jobs/queue.js';
import { renderMail } from '../../mail/layout.js';
import { recipientOf, sponsorViewOf } from './notification-email.job.js';
import { isKind, labelOf, type MailedNotification, oneLine, pathOf, wordingOf } from './notification-email-content.js';
import { settingsUrl, unsubscribeHeaders, unsubscribePageUrl } from './unsubscribe-links.js';

export const DIGEST_JOB = 'notification.digest';
/** Lines listed in one digest; the rest are counted ("and 12 more"). */
export const DIGEST_LINES = 50;
/** Notifications one digest takes at most; anything beyond waits for the next day's. */
const DIGEST_TAKES = 1000;
const CHUNK = 500;

const utcDay = (now: Date) => now.toISOString().slice(0, 10);
export const digestKey = (userId: string, day: string) => `digest:${userId}:${day}`;

/**
 * Queues today's digest for every active person with notifications waiting for one, once the day's
 * digest hour (FOYER_DIGEST_HOUR, UTC) has passed. Run by the periodic scheduler on every node: the
 * job key (`digest:<person>:<day>`) makes a second enqueue of the same digest add nothing, so a
 * person gets at most one digest a day, whatever the number of nodes, ticks or restarts. A tick
 * rather than a job that queues tomorrow's: nothing to seed, and a changed hour applies at once.
 */
export async function enqueueDigests(ctx: AppContext, now = new Date()): Promise<number> {
  if (now.getUTCHours() < ctx.config.digestHour) return 0;
  const day = utcDay(now);
  const waiting = await ctx.db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select('notifications.user_id')
    .distinct()
    .where('notifications.email', '=', 'digest')
    .where('users.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('jobs')
            .select('jobs.id')
            .where('jobs.key', '=', sql<string>`${sql.lit('digest:')} || notifications.user_id || ${sql.lit(`:${day}`)}`),
        ),
      ),
    )
    .execute();
  for (const { user_id } of waiting)
    await enqueue(ctx.db, { kind: DIGEST_JOB, key: digestKey(user_id, day), payload: { userId: user_id, day } }, now);
  if (waiting.length > 0) ctx.wake.jobs();
  return waiting.length;
}

/**
 * One e-mail listing the person's notifications that wait for the digest, newest first, then marks
 * exactly those as sent. Nothing waiting: no e-mail. Like the single e-mails, a crash between the
 * send and the marking is the one way a digest goes out twice.
 */
export const sendDigest: JobHandler = async (ctx: AppContext, payload) => {
  const userId = (payload as { userId?: unknown } | null)?.userId;
  if (typeof userId !== 'string') {
    ctx.log.warn({ payload }, 'digest job without a person');
    return;
  }
  const user = await recipientOf(ctx.db, userId);
  const actor = user && (await actorOfUser(ctx.db, user.id));
  if (!user || !actor) return;
  // What came from a workspace the person has left since is not e-mailed to them.
  await ctx.db
    .updateTable('notifications')
    .set({ email: 'none' })
    .where('user_id', '=', userId)
    .where('email', '=', 'digest')
    .where((eb) => eb.not(visibleNotifications(actor)(eb)))
    .execute();
  const candidates = await ctx.db
    .selectFrom('notifications')
    .leftJoin('workspaces', 'workspaces.id', 'notifications.workspace_id')
    .select([
      'notifications.id',
      'notifications.event_seq',
      'notifications.kind',
      'notifications.title',
      'notifications.workspace_id',
      'notifications.target_type',
      'notifications.target_id',
      'notifications.details',
      'workspaces.name as workspace_name',
    ])
    .where(visibleNotifications(actor))
    .where('notifications.email', '=', 'digest')
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(DIGEST_TAKES)
    .execute();
  // Nor what is about an item that has turned internal or gone out of their reach since.
  const seen = await stillSeenBy(ctx.db, actor, candidates);
  const unseen = candidates.filter((r) => !seen.has(r.id)).map((r) => r.id);
  for (let i = 0; i < unseen.length; i += CHUNK)
    await ctx.db
      .updateTable('notifications')
      .set({ email: 'none' })
      .where('id', 'in', unseen.slice(i, i + CHUNK))
      .execute();
  const rows = candidates.filter((r) => seen.has(r.id));
  if (rows.length === 0) return;

  const origin = publicOrigin(ctx.config);
  const now = new Date();
  const items: { text: string; url: string }[] = [];
  for (const row of rows.slice(0, DIGEST_LINES)) {
    const n: MailedNotification = {
      kind: row.kind,
      title: row.title,
      workspaceId: row.workspace_id,
      workspaceName: row.workspace_name,
      targetType: row.target_type,
      targetId: row.target_id,
      details: row.details,
    };
    const sponsor = row.kind === 'membership_ending' ? await sponsorViewOf(ctx.db, userId, Number(row.event_seq)) : null;
    items.push({ text: wordingOf(n, now, sponsor).line, url: `${origin}${pathOf(n)}` });
  }
  const more = rows.length - items.length;
  const kinds = [...new Set(rows.map((r) => r.kind))].filter(isKind);
  const count = `${rows.length} notification${rows.length === 1 ? '' : 's'}`;
  const { text, html } = renderMail({
    greeting: `Hello ${oneLine(user.name)},`,
    paragraphs: [`Here is what happened in Foyer since your last digest (${count}, newest first).`],
    items,
    ...(more > 0 ? { action: { label: `And ${more} more: see all your notifications`, url: `${origin}/notifications` } } : {}),
    footer: 'You receive this daily digest because these kinds of notification are set to "daily digest" in your notification settings.',
    footerLinks: [
      ...kinds.map((kind) => ({ label: `Stop e-mails about "${labelOf(kind)}"`, url: unsubscribePageUrl(ctx, userId, kind) })),
      { label: 'Stop the daily digest', url: unsubscribePageUrl(ctx, userId, 'digest') },
      { label: 'Change your notification settings', url: settingsUrl(ctx) },
    ],
  });
  await ctx.mailer.send({
    to: user.email,
    subject: `Your daily digest: ${count}`,
    text,
    html,
    headers: unsubscribeHeaders(ctx, userId, 'digest'),
  });
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += CHUNK)
    await ctx.db
      .updateTable('notifications')
      .set({ email: 'sent' })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .where('email', '=', 'digest')
      .execute();
};
