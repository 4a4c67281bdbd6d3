import { notificationsConsumer } from '../modules/notifications/notifications.consumer.js';
import { webhooksConsumer } from '../modules/webhooks/webhooks.consumer.js';
import type { EventConsumer } from './pump.js';
import { realtimeConsumer } from './realtime.consumer.js';

/** Every reader of the event log, in the order they run. */
export const CONSUMERS: readonly EventConsumer[] = [notificationsConsumer, realtimeConsumer, webhooksConsumer];
