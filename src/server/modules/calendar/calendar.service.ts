import { record } from '../../audit/record.js';
import { ACTOR_USER_COLUMNS, type Actor, extranetClosedTo } from '../../authz/actor.js';
import { loadActor } from '../../authz/actor-loader.js';
import { requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { listMyActivities } from '../activities/activities.repo.js';
import { beginAttempt } from '../auth/throttle.repo.js';
import { readSettings } from '../settings/settings.repo.js';
import { listMyTasks } from '../tasks/tasks.repo.js';
import { type FeedActivity, type FeedTask, renderCalendar } from './calendar-ics.js';
import { feedUrl, newFeedId, verifiedFeedId } from './calendar-links.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The feed shows activities from this long ago… */
export const FEED_PAST_DAYS = 90;
/** …up to this far ahead. */
export const FEED_FUTURE_DAYS = 366;
/** At most this many activities and this many tasks in one feed. */
const FEED_LIMIT = 2_000;

/**
 * Feed URLs are secrets in a URL: wrong ones are throttled per client address like other guessed
 * links (decision 002). A good URL does not count, so a calendar app polling it is never refused.
 */
export const FEED_FAILURES_PER_ADDRESS = 20;
const feedBuckets = (ip: string) => [{ key: `calendar-feed-ip:${ip}`, max: FEED_FAILURES_PER_ADDRESS }];

/** My feed's URL; the feed is created on the first call and keeps its URL until regenerated. */
export async function myCalendar(ctx: AppContext, actor: Actor): Promise<{ feedUrl: string }> {
  const user = requireUser(actor);
  await ctx.db
    .insertInto('calendar_feeds')
    .values({ user_id: user.id, feed_id: newFeedId(), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const row = await ctx.db.selectFrom('calendar_feeds').select('feed_id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
  return { feedUrl: feedUrl(ctx, row.feed_id) };
}

/** A new URL for my feed; the old one answers 404 from now on. */
export async function regenerateCalendar(ctx: AppContext, actor: Actor, meta: RequestMeta): Promise<{ feedUrl: string }> {
  const user = requireUser(actor);
  const feedId = newFeedId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: user.id, feed_id: feedId, created_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ feed_id: feedId, created_at: now }))
      .execute();
    await record(trx, { actorId: user.id, action: 'calendar.regenerated', target: { type: 'user', id: user.id }, ip: meta.ip });
  });
  return { feedUrl: feedUrl(ctx, feedId) };
}

/**
 * The feed behind a URL token, as iCalendar text. A wrong or old token, an unknown feed, a
 * suspended person or a guest while the extranet is closed all get the one 404 of a missing
 * resource. What it lists is decided like the API would for that person now: their current
 * memberships and end dates, through the same scoped queries, so internal items never reach a guest.
 */
export async function calendarFeed(ctx: AppContext, token: string, meta: RequestMeta): Promise<string> {
  const attempt = await beginAttempt(ctx.db, feedBuckets(meta.ip));
  const feedId = verifiedFeedId(ctx, token);
  if (!feedId) throw notFound();
  const owner = await ctx.db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(ACTOR_USER_COLUMNS)
    .where('calendar_feeds.feed_id', '=', feedId)
    .executeTakeFirst();
  if (owner?.status !== 'active') throw notFound();
  const actor = await loadActor(ctx.db, owner, { type: 'session', idHash: '' });
  if (extranetClosedTo(actor)) throw notFound();
  await attempt.succeeded(ctx.db);

  const now = Date.now();
  const window = {
    from: new Date(now - FEED_PAST_DAYS * DAY_MS).toISOString(),
    to: new Date(now + FEED_FUTURE_DAYS * DAY_MS).toISOString(),
  };
  const [activityRows, taskRows, settings] = await Promise.all([
    listMyActivities(ctx.db, actor, { ...window, attending: true, orOrganized: true }, FEED_LIMIT),
    listMyTasks(ctx.db, actor, undefined, FEED_LIMIT),
    readSettings(ctx.db),
  ]);
  const activities: FeedActivity[] = activityRows.map((a) => ({
    id: a.id,
    workspaceId: a.workspace_id,
    workspaceName: a.workspace_name,
    title: a.title,
    description: a.description,
    location: a.location,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    status: a.status,
    version: a.version,
    updatedAt: a.updated_at,
  }));
  const tasks: FeedTask[] = taskRows.flatMap((t) =>
    t.due_on === null
      ? []
      : [
          {
            id: t.id,
            workspaceId: t.workspace_id,
            workspaceName: t.workspace_name,
            title: t.title,
            description: t.description,
            dueOn: t.due_on,
            version: t.version,
            updatedAt: t.updated_at,
          },
        ],
  );
  return renderCalendar({
    name: `${settings.organizationName ?? 'Foyer'} extranet`,
    origin: ctx.config.publicUrl.origin,
    activities,
    tasks,
  });
}
