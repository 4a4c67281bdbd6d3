import type { AppContext } from '../context.js';
import { runMembershipExpiry } from './membership-expiry.job.js';

const EVERY_MS = 60_000;

/**
 * Runs the periodic jobs in this process. They are idempotent and claim their work row by row, so
 * several nodes may run them side by side. Access never waits for them: end dates are also checked
 * on every request.
 */
export function startJobs(ctx: AppContext): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runMembershipExpiry(ctx);
      if (run.reminded + run.expired + run.suspended > 0) ctx.log.info(run, 'membership lifecycle');
    } catch (err) {
      ctx.log.error({ err }, 'membership lifecycle job failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), EVERY_MS);
  timer.unref();
  setImmediate(() => void tick());
  return () => clearInterval(timer);
}
