import type { AppContext } from '../../src/server/context.js';
import { CONSUMERS } from '../../src/server/events/consumers.js';
import { pumpEvents } from '../../src/server/events/pump.js';
import { JOB_HANDLERS } from '../../src/server/jobs/handlers.js';
import { runDueJobs } from '../../src/server/jobs/queue.js';

/**
 * Runs the background work a live server runs by itself (the event consumers, then the due jobs)
 * until nothing is left: a test then sees what the server would have done.
 */
export async function drainEvents(ctx: AppContext, options: { now?: Date } = {}): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    const events = await pumpEvents(ctx, CONSUMERS);
    const jobs = await runDueJobs(ctx, JOB_HANDLERS, options);
    if (events === 0 && jobs.done + jobs.retried + jobs.failed === 0) return;
  }
  throw new Error('background work did not settle in 20 rounds');
}
