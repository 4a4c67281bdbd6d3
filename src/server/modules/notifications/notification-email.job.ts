import type { Kysely } from 'kysely';
import { actorOfUser, loadRules } from '../../authz/actor-loader.js';
import { visibleNotifications, visibleUsers } from '../../authz/scope.js';
import { publicOrigin } from '../../config/config.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { stillSeenBy } from '../../events/event-visibility.js';
import type { JobHandler } from '../../jobs/queue.js';
import { renderMail } from '../../mail/layout.js';
import { UNKNOWN_USER } from '../directory/person-ref.js';
import {
  isKind,
  labelOf,
  type MailedNotification,
  oneLine,
  pathOf,
  type SponsorView,
  subjectOf,
  wordingOf,
} from './notification-email-content.js';
import { NOTIFICATION_EMAIL_JOB } from './notifications.consumer.js';
import { settingsUrl, unsubscribeHeaders, unsubscribePageUrl } from './unsubscribe-links.js';

export { NOTIFICATION_EMAIL_JOB };

/** The person a notification is for, as far as an e-mail needs them; null when they may not get one now. */
export async function recipientOf(db: Kysely<DB>, userId: string) {
  const user = await db.selectFrom('users').select(['id', 'email', 'name', 'kind', 'status']).where('id', '=', userId).executeTakeFirst();
  if (user?.status !== 'active') return null;
  // With the extranet closed guests may open nothing, so they are told nothing either.
  if (user.kind === 'guest' && !(await loadRules(db)).enabled) return null;
  return user;
}

/**
 * The sponsor of a guest whose access ends gets the sponsor's wording (whose access, and how to
 * extend it); the guest gets their own. Who is who is read from the event the notification tells of.
 */
export async function sponsorViewOf(db: Kysely<DB>, recipientId: string, eventSeq: number): Promise<SponsorView | null> {
  const event = await db
    .selectFrom('audit_events')
    .select(['target_id', 'details'])
    .where('seq', '=', eventSeq)
    .where('action', '=', 'member.ending_soon')
    .executeTakeFirst();
  if (!event?.target_id) return null;
  let sponsorId: unknown = null;
  try {
    sponsorId = (JSON.parse(event.details) as { sponsorId?: unknown }).sponsorId;
  } catch {
    return null;
  }
  if (sponsorId !== recipientId) return null;
  // The guest's name only if the directory rule lets the sponsor see them (a guest may sponsor).
  const sponsor = await actorOfUser(db, recipientId);
  if (!sponsor) return null;
  const guest = await db
    .selectFrom('users')
    .select('name')
    .where('users.id', '=', event.target_id)
    .where(visibleUsers(sponsor))
    .executeTakeFirst();
  return { guestName: guest?.name ?? UNKNOWN_USER };
}

/**
 * Sends one notification's e-mail. Nothing is sent (and nothing retried) when the notification is
 * gone, no longer waits for this e-mail (already sent, or its kind switched to "never"), or its
 * person is suspended or gone. The consumer checked what they may see when it wrote the row; the
 * e-mail tells nothing beyond that row's title, its kind, the workspace's name and a link.
 */
export const sendNotificationEmail: JobHandler = async (ctx: AppContext, payload) => {
  const id = (payload as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') {
    // Retrying cannot mend a payload; say so once and let the job end.
    ctx.log.warn({ payload }, 'notification e-mail job without a notification id');
    return;
  }
  const row = await ctx.db
    .selectFrom('notifications')
    .leftJoin('workspaces', 'workspaces.id', 'notifications.workspace_id')
    .select([
      'notifications.user_id',
      'notifications.event_seq',
      'notifications.kind',
      'notifications.title',
      'notifications.workspace_id',
      'notifications.target_type',
      'notifications.target_id',
      'notifications.details',
      'notifications.email',
      'workspaces.name as workspace_name',
    ])
    .where('notifications.id', '=', id)
    .executeTakeFirst();
  if (row?.email !== 'immediate') return;
  const user = await recipientOf(ctx.db, row.user_id);
  // Told when it happened, but no longer in that workspace by the time the e-mail goes: no e-mail.
  const actor = user && (await actorOfUser(ctx.db, user.id));
  const stillVisible =
    actor &&
    (await ctx.db.selectFrom('notifications').select('id').where('id', '=', id).where(visibleNotifications(actor)).executeTakeFirst()) &&
    // Nor when its item has turned internal or gone out of their reach meanwhile.
    (await stillSeenBy(ctx.db, actor, [{ ...row, id }])).has(id);
  if (!user || !stillVisible) {
    await ctx.db.updateTable('notifications').set({ email: 'none' }).where('id', '=', id).where('email', '=', 'immediate').execute();
    return;
  }
  const n: MailedNotification = {
    kind: row.kind,
    title: row.title,
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
  };
  const sponsor = row.kind === 'membership_ending' ? await sponsorViewOf(ctx.db, user.id, Number(row.event_seq)) : null;
  const wording = wordingOf(n, new Date(), sponsor);
  const label = labelOf(row.kind);
  const kind = isKind(row.kind) ? row.kind : null;
  const { text, html } = renderMail({
    greeting: `Hello ${oneLine(user.name)},`,
    paragraphs: wording.paragraphs,
    action: { label: wording.action, url: `${publicOrigin(ctx.config)}${pathOf(n)}` },
    footer: `You receive this e-mail because "${label}" is set to "immediately" in your notification settings.`,
    footerLinks: [
      ...(kind ? [{ label: `Stop e-mails about "${label}"`, url: unsubscribePageUrl(ctx, user.id, kind) }] : []),
      { label: 'Change your notification settings', url: settingsUrl(ctx) },
    ],
  });
  await ctx.mailer.send({
    to: user.email,
    subject: subjectOf(wording.subject),
    text,
    html,
    ...(kind ? { headers: unsubscribeHeaders(ctx, user.id, kind) } : {}),
  });
  // The one window for a second e-mail: a crash between the send above and this update runs the job
  // again (its lease runs out) and it sends again. Marking first would lose the e-mail instead.
  await ctx.db.updateTable('notifications').set({ email: 'sent' }).where('id', '=', id).where('email', '=', 'immediate').execute();
};
