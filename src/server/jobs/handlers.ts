import { DIGEST_JOB, sendDigest } from '../modules/notifications/digest.job.js';
import { NOTIFICATION_EMAIL_JOB, sendNotificationEmail } from '../modules/notifications/notification-email.job.js';
import { deliverWebhook } from '../modules/webhooks/webhook-delivery.job.js';
import { DELIVER_JOB } from '../modules/webhooks/webhooks.repo.js';
import type { JobHandlers } from './queue.js';

/** Every kind of queued job and what runs it. */
export const JOB_HANDLERS: JobHandlers = {
  [NOTIFICATION_EMAIL_JOB]: sendNotificationEmail,
  [DIGEST_JOB]: sendDigest,
  [DELIVER_JOB]: deliverWebhook,
};
