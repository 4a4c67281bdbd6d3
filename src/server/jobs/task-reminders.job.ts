import type { Kysely } from 'kysely';
import { record } from '../audit/record.js';
import { ACTOR_USER_COLUMNS, extranetClosedTo, type UserActor } from '../authz/actor.js';
import { loadActor } from '../authz/actor-loader.js';
import { can } from '../authz/index.js';
import type { AppContext } from '../context.js';
import { beginRequest } from '../db/client.js';
import type { DB } from '../db/schema.js';
import { taskTarget } from '../modules/tasks/tasks.repo.js';
import { workspaceTarget } from '../modules/workspaces/workspaces.repo.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Claims are now written with their event in one transaction; a claim without `sent_at` can only be
 * left by an older version that died before mailing, and is taken over after this.
 */
const STALE_CLAIM_MS = 15 * 60 * 1000;

export interface ReminderRun {
  /** `task.due_soon` events recorded in this run. */
  recorded: number;
}

interface Key {
  task_id: string;
  user_id: string;
  due_on: string;
}

const utcDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/**
 * Claims one reminder for this run: the row is inserted (only one inserter wins, on every engine and
 * across processes), or a stale claim is taken over with a conditional update. Only the winner
 * records the event.
 */
async function claim(db: Kysely<DB>, key: Key, stamp: string, staleBefore: string): Promise<boolean> {
  const inserted = await db
    .insertInto('task_reminders')
    .values({ ...key, claimed_at: stamp, sent_at: stamp })
    .onConflict((oc) => oc.columns(['task_id', 'user_id', 'due_on']).doNothing())
    .returning('task_id')
    .execute();
  if (inserted.length === 1) return true;
  const taken = await db
    .updateTable('task_reminders')
    .set({ claimed_at: stamp, sent_at: stamp })
    .where('task_id', '=', key.task_id)
    .where('user_id', '=', key.user_id)
    .where('due_on', '=', key.due_on)
    .where('sent_at', 'is', null)
    .where('claimed_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/**
 * Reminds the assignees of open tasks due within `FOYER_TASK_REMINDER_DAYS` (UTC dates), once per
 * task, person and due date, by recording a `task.due_soon` event: the notifications consumer turns
 * it into a notification and the e-mail goes out as the person prefers (decision 020). Only people
 * who are active and may still see the task are reminded, as the task policy decides with their
 * current memberships: a guest never of an internal task, a removed guest of nothing (the consumer
 * checks the same again). Idempotent; safe to run on every node at once.
 */
export async function runTaskReminders(ctx: AppContext, now = new Date()): Promise<ReminderRun> {
  const days = ctx.config.taskReminderDays;
  if (days <= 0) return { recorded: 0 };
  beginRequest(ctx.db);
  const today = utcDay(now.getTime());
  const until = utcDay(now.getTime() + days * DAY_MS);
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  // Reminders about dates already past are never needed again.
  await ctx.db.deleteFrom('task_reminders').where('due_on', '<', today).execute();

  const due = await ctx.db
    .selectFrom('tasks')
    .innerJoin('task_assignees', 'task_assignees.task_id', 'tasks.id')
    .innerJoin('users', 'users.id', 'task_assignees.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'tasks.workspace_id')
    .select(ACTOR_USER_COLUMNS)
    .select(['tasks.id as task_id'])
    .where('tasks.status', 'in', ['open', 'in_progress'])
    .where('tasks.due_on', '>=', today)
    .where('tasks.due_on', '<=', until)
    .where('users.status', '=', 'active')
    .where('workspaces.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('task_reminders')
            .select('task_reminders.task_id')
            .whereRef('task_reminders.task_id', '=', 'tasks.id')
            .whereRef('task_reminders.user_id', '=', 'users.id')
            .whereRef('task_reminders.due_on', '=', 'tasks.due_on')
            .where((eb) => eb.or([eb('task_reminders.sent_at', 'is not', null), eb('task_reminders.claimed_at', '>=', staleBefore)])),
        ),
      ),
    )
    .orderBy('tasks.due_on')
    .orderBy('tasks.id')
    .execute();
  if (due.length === 0) return { recorded: 0 };

  const taskIds = [...new Set(due.map((r) => r.task_id))];
  const [tasks, assignees] = await Promise.all([
    ctx.db.selectFrom('tasks').selectAll().where('id', 'in', taskIds).execute(),
    ctx.db.selectFrom('task_assignees').select(['task_id', 'user_id']).where('task_id', 'in', taskIds).execute(),
  ]);
  const workspaces = await ctx.db
    .selectFrom('workspaces')
    .selectAll()
    .where('id', 'in', [...new Set(tasks.map((t) => t.workspace_id))])
    .execute();
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const workspaceById = new Map(workspaces.map((w) => [w.id, w]));
  const actors = new Map<string, UserActor>();
  const run: ReminderRun = { recorded: 0 };

  for (const row of due) {
    const task = taskById.get(row.task_id);
    const workspace = task && workspaceById.get(task.workspace_id);
    if (!task || !workspace || task.due_on === null) continue;
    let actor = actors.get(row.id);
    if (!actor) {
      actor = await loadActor(ctx.db, row, { type: 'session', idHash: '' });
      actors.set(row.id, actor);
    }
    // With the extranet closed guests hear of nothing; otherwise the policy decides, as for a read.
    if (extranetClosedTo(actor)) continue;
    const target = taskTarget(
      task,
      assignees.filter((a) => a.task_id === task.id).map((a) => a.user_id),
      workspaceTarget(workspace),
    );
    if (!target.assigneeIds.includes(actor.id) || !can(actor, 'task', 'read', target)) continue;

    const key: Key = { task_id: task.id, user_id: actor.id, due_on: task.due_on };
    const dueOn = task.due_on;
    // The claim and its event commit together: a reminder is recorded once or not at all. The claim
    // row is written before the audit entry, whose chain lock is taken last.
    const recorded = await ctx.db.transaction().execute(async (trx) => {
      if (!(await claim(trx, key, new Date().toISOString(), staleBefore))) return false;
      await record(trx, {
        actorId: null,
        action: 'task.due_soon',
        target: { type: 'task', id: task.id },
        workspaceId: task.workspace_id,
        internal: task.visibility === 'internal',
        details: { userId: actor.id, dueOn },
      });
      return true;
    });
    if (recorded) run.recorded += 1;
  }
  if (run.recorded > 0) ctx.wake.events();
  return run;
}
