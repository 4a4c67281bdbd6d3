import type { JobHandlers } from './queue.js';

/** Every kind of queued job and what runs it. */
export const JOB_HANDLERS: JobHandlers = {};
