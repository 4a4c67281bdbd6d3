import { afterEach } from 'vitest';
import { describeOpenPages } from './e2e-stack.js';

// Set up for every end-to-end file (vitest.config.ts): a failed test prints what its pages showed.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  process.stderr.write(`\n[e2e] “${context.task.name}” failed; the open pages showed:\n${await describeOpenPages()}\n`);
});
