import type { AppContext } from '../context.js';
import { enqueueDigests } from '../modules/notifications/digest.job.js';
import { runAuditRetention } from './audit-retention.job.js';
import { runDocumentCleanup } from './document-cleanup.job.js';
import { runMembershipExpiry } from './membership-expiry.job.js';
import { runTaskReminders } from './task-reminders.job.js';

const CLEANUP_EVERY_MS = 60 * 60_000;

/**
 * Runs the periodic jobs in this process. They are idempotent and claim their work row by row, so
 * several nodes may run them side by side. Access never waits for them: end dates are also checked
 * on every request.
 */
export function startJobs(ctx: AppContext): () => void {
  let running = false;
  let lastCleanup = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runMembershipExpiry(ctx);
      if (run.reminded + run.expired + run.suspended > 0) ctx.log.info(run, 'membership lifecycle');
    } catch (err) {
      ctx.log.error({ err }, 'membership lifecycle job failed');
    }
    try {
      const run = await runTaskReminders(ctx);
      if (run.recorded > 0) ctx.log.info(run, 'task reminders');
    } catch (err) {
      ctx.log.error({ err }, 'task reminder job failed');
    }
    try {
      const queued = await enqueueDigests(ctx);
      if (queued > 0) ctx.log.info({ queued }, 'notification digests queued');
    } catch (err) {
      ctx.log.error({ err }, 'queueing the notification digests failed');
    }
    // Hourly whatever FOYER_JOB_INTERVAL_SECONDS says, and once at start.
    if (Date.now() - lastCleanup >= CLEANUP_EVERY_MS) {
      lastCleanup = Date.now();
      try {
        const run = await runDocumentCleanup(ctx);
        if (run.documents + run.folders + run.tmpRemoved + run.blobsRemoved > 0) ctx.log.info(run, 'document cleanup');
      } catch (err) {
        ctx.log.error({ err }, 'document cleanup job failed');
      }
      try {
        const removed = await runAuditRetention(ctx);
        if (removed > 0) ctx.log.info({ removed }, 'audit retention');
      } catch (err) {
        ctx.log.error({ err }, 'audit retention job failed');
      }
    }
    running = false;
  };
  const timer = setInterval(() => void tick(), ctx.config.jobIntervalSeconds * 1000);
  timer.unref();
  setImmediate(() => void tick());
  return () => clearInterval(timer);
}
