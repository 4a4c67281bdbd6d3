import type { AppContext } from '../context.js';
import { CONSUMERS } from '../events/consumers.js';
import { startEventPump } from '../events/pump.js';
import { JOB_HANDLERS } from './handlers.js';
import { startQueueWorker } from './queue.js';
import { startJobs } from './scheduler.js';

/**
 * Everything this process does besides answering requests: the consumers of the event log, the job
 * queue, and the periodic jobs. Requests and jobs nudge the first two through `ctx.wake`.
 */
export function startBackground(ctx: AppContext): () => Promise<void> {
  const queue = startQueueWorker(ctx, JOB_HANDLERS);
  const pump = startEventPump(ctx, CONSUMERS, () => queue.wake());
  ctx.wake.events = pump.wake;
  ctx.wake.jobs = queue.wake;
  const stopPeriodic = startJobs(ctx);
  return async () => {
    stopPeriodic();
    ctx.wake.events = () => {};
    ctx.wake.jobs = () => {};
    await pump.stop();
    await queue.stop();
  };
}
