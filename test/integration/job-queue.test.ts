import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, retryDelayMs, runDueJobs } from '../../src/server/jobs/queue.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { unique } from '../support/workspaces.js';

// The job queue in the database: idempotent keys, retries with backoff, claims that outlive a crash.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const later = (ms: number) => new Date(Date.now() + ms);
const jobRow = (key: string) => t.ctx.db.selectFrom('jobs').selectAll().where('key', '=', key).executeTakeFirstOrThrow();

describe('the job queue', () => {
  it('adds a job once per key, however often it is enqueued', async () => {
    const key = unique('once-');
    const runs: unknown[] = [];
    await enqueue(t.ctx.db, { kind: 'test.once', key, payload: { n: 1 } });
    await enqueue(t.ctx.db, { kind: 'test.once', key, payload: { n: 2 } });
    const run = await runDueJobs(t.ctx, { 'test.once': async (_ctx, payload) => void runs.push(payload) });
    expect(run.done).toBe(1);
    expect(runs).toEqual([{ n: 1 }]);
    expect((await jobRow(key)).state).toBe('done');
    // Done jobs are not run again.
    expect((await runDueJobs(t.ctx, { 'test.once': async () => void runs.push('again') })).done).toBe(0);
  });

  it('retries a failing job later with a growing delay, and gives up after its last attempt', async () => {
    const key = unique('flaky-');
    await enqueue(t.ctx.db, { kind: 'test.flaky', key, maxAttempts: 3 });
    const failing = { 'test.flaky': async () => Promise.reject(new Error('receiver down')) };

    const first = await runDueJobs(t.ctx, failing);
    expect(first).toMatchObject({ retried: 1, failed: 0 });
    let row = await jobRow(key);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error: 'receiver down' });
    const firstDelay = Date.parse(row.run_at) - Date.now();
    expect(firstDelay).toBeGreaterThan(20_000);
    // Not due yet: nothing runs now.
    expect((await runDueJobs(t.ctx, failing)).retried).toBe(0);

    await runDueJobs(t.ctx, failing, { now: later(firstDelay + 1_000) });
    row = await jobRow(key);
    expect(row.attempts).toBe(2);
    expect(Date.parse(row.run_at) - Date.now()).toBeGreaterThan(firstDelay);

    const last = await runDueJobs(t.ctx, failing, { now: later(24 * 3_600_000) });
    expect(last.failed).toBe(1);
    expect(await jobRow(key)).toMatchObject({ state: 'failed', attempts: 3 });
    expect((await runDueJobs(t.ctx, failing, { now: later(48 * 3_600_000) })).failed).toBe(0);
  });

  it('runs again a job whose claim ran out (its process died), and not one still claimed', async () => {
    const key = unique('crash-');
    await enqueue(t.ctx.db, { kind: 'test.crash', key });
    // Claimed by a process that then died: running, with a lease in the future.
    await t.ctx.db
      .updateTable('jobs')
      .set({ state: 'running', attempts: 1, locked_until: later(60_000).toISOString() })
      .where('key', '=', key)
      .execute();
    const runs: string[] = [];
    const handlers = { 'test.crash': async () => void runs.push(key) };
    expect((await runDueJobs(t.ctx, handlers)).done).toBe(0);
    expect((await runDueJobs(t.ctx, handlers, { now: later(120_000) })).done).toBe(1);
    expect(runs).toEqual([key]);
    expect(await jobRow(key)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('records a job of an unknown kind as failing instead of stopping the queue', async () => {
    const key = unique('unknown-');
    await enqueue(t.ctx.db, { kind: 'test.nobody', key, maxAttempts: 1 });
    const run = await runDueJobs(t.ctx, {});
    expect(run.failed).toBe(1);
    expect((await jobRow(key)).last_error).toContain('no handler');
  });

  it('lets two workers claim at once without running a job twice', async () => {
    const keys = Array.from({ length: 30 }, () => unique('pair-'));
    for (const key of keys) await enqueue(t.ctx.db, { kind: 'test.pair', key, payload: { key } });
    const runs: string[] = [];
    const handlers = {
      'test.pair': async (_ctx: unknown, payload: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        runs.push((payload as { key: string }).key);
      },
    };
    await Promise.all([
      runDueJobs(t.ctx, handlers, { limit: 10 }),
      runDueJobs(t.ctx, handlers, { limit: 10 }),
      runDueJobs(t.ctx, handlers, { limit: 10 }),
      runDueJobs(t.ctx, handlers, { limit: 10 }),
    ]);
    const mine = runs.filter((k) => keys.includes(k));
    expect(new Set(mine).size).toBe(mine.length);
    expect(mine.length).toBe(30);
  });
});

describe('retry delays', () => {
  it('double from 30 seconds up to an hour, spread a little', () => {
    const exact = () => 0.5;
    expect(retryDelayMs(1, exact)).toBe(30_000);
    expect(retryDelayMs(2, exact)).toBe(60_000);
    expect(retryDelayMs(3, exact)).toBe(120_000);
    expect(retryDelayMs(20, exact)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 0)).toBe(27_000);
    expect(retryDelayMs(1, () => 1)).toBe(33_000);
  });
});
