import { type Kysely, PostgresAdapter, sql, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { startWakeableLoop, type WakeableLoop } from '../lib/wakeable-loop.js';

export interface JobRequest {
  kind: string;
  /** Unique for the work it stands for (e.g. `notification-email:<id>`): a second enqueue adds nothing. */
  key: string;
  payload?: unknown;
  runAt?: Date;
  maxAttempts?: number;
}

export interface JobInfo {
  id: string;
  key: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (ctx: AppContext, payload: unknown, job: JobInfo) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

const DEFAULT_ATTEMPTS = 8;
/** A running job's claim; past it, the job is taken to have died with its process and runs again. */
const LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** Adds a job in the caller's transaction, so it exists exactly when the change it follows does. */
export async function enqueue(db: Kysely<DB>, job: JobRequest, now = new Date()): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: newId(),
      kind: job.kind,
      key: job.key,
      payload: JSON.stringify(job.payload ?? {}),
      state: 'queued',
      run_at: (job.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_ATTEMPTS,
      locked_until: null,
      last_error: null,
      created_at: now.toISOString(),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** 30 s, 1 min, 2 min, … up to an hour, with a little jitter so retries of many jobs spread out. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.9 + 0.2 * random()));
}

interface ClaimedRow {
  id: string;
  kind: string;
  key: string;
  payload: string;
  attempts: number;
  max_attempts: number;
}

/**
 * Takes up to `limit` due jobs (and jobs whose claim ran out). On PostgreSQL, `FOR UPDATE SKIP
 * LOCKED` lets every node claim at once without taking the same job; SQLite has one writer.
 */
async function claim(db: Kysely<DB>, limit: number, now: Date): Promise<ClaimedRow[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const lock = postgres ? sql`for update skip locked` : sql``;
  const result = await sql<ClaimedRow>`
    update jobs set state = 'running', attempts = attempts + 1, locked_until = ${until}
    where id in (
      select id from jobs
      where (state = 'queued' and run_at <= ${at}) or (state = 'running' and locked_until < ${at})
      order by run_at limit ${limit} ${lock}
    )
    returning id, kind, key, payload, attempts, max_attempts`.execute(db);
  return result.rows;
}

export interface QueueRun {
  done: number;
  retried: number;
  failed: number;
}

/** Runs the due jobs once; what fails is retried later with backoff, up to its number of attempts. */
export async function runDueJobs(ctx: AppContext, handlers: JobHandlers, options: { limit?: number; now?: Date } = {}): Promise<QueueRun> {
  const run: QueueRun = { done: 0, retried: 0, failed: 0 };
  const jobs = await claim(ctx.db, options.limit ?? 20, options.now ?? new Date());
  for (const job of jobs) {
    const handler = handlers[job.kind];
    // The batch runs one job after another: each starts with a fresh lease, and only if no other
    // node took it over meanwhile (each claim counts an attempt, so the count is the claim's mark).
    const mine = (q: UpdateQueryBuilder<DB, 'jobs', 'jobs', UpdateResult>) =>
      q.where('id', '=', job.id).where('state', '=', 'running').where('attempts', '=', job.attempts);
    const renewed = await mine(
      ctx.db.updateTable('jobs').set({ locked_until: new Date(Date.now() + LEASE_MS).toISOString() }),
    ).executeTakeFirst();
    if (Number(renewed.numUpdatedRows) !== 1) continue;
    try {
      if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
      await handler(ctx, JSON.parse(job.payload), { id: job.id, key: job.key, attempt: job.attempts, maxAttempts: job.max_attempts });
      await mine(
        ctx.db.updateTable('jobs').set({ state: 'done', finished_at: new Date().toISOString(), locked_until: null, last_error: null }),
      ).execute();
      run.done += 1;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const last = job.attempts >= job.max_attempts;
      const next = new Date(Date.now() + retryDelayMs(job.attempts)).toISOString();
      await mine(
        ctx.db
          .updateTable('jobs')
          .set(
            last
              ? { state: 'failed', finished_at: new Date().toISOString(), locked_until: null, last_error: message.slice(0, 1000) }
              : { state: 'queued', run_at: next, locked_until: null, last_error: message.slice(0, 1000) },
          ),
      ).execute();
      if (last) run.failed += 1;
      else run.retried += 1;
      ctx.log.warn({ err, job: job.kind, key: job.key, attempt: job.attempts }, last ? 'job failed for good' : 'job failed; will retry');
    }
  }
  return run;
}

const POLL_MS = 1_000;
const BATCH = 20;

/** Runs due jobs in this process until stopped: at every wake, and at least every second. */
export function startQueueWorker(ctx: AppContext, handlers: JobHandlers): WakeableLoop {
  return startWakeableLoop(
    async () => {
      const run = await runDueJobs(ctx, handlers, { limit: BATCH });
      return run.done + run.retried + run.failed === BATCH;
    },
    POLL_MS,
    (err) => ctx.log.error({ err }, 'job queue run failed'),
  );
}
