import 'dotenv/config';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { closeContext, createContext } from './context-factory.js';
import { lockDataDir } from './db/data-dir-lock.js';
import { createLogger } from './http/logging.js';
import { defaultWebRoot } from './http/static-web.js';
import { startBackground } from './jobs/background.js';
import { runDocumentCleanup } from './jobs/document-cleanup.job.js';
import { bootstrapAdmin, issueSetupLink } from './modules/setup/setup.service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const unlock = config.database.engine === 'sqlite' ? await lockDataDir(config.dataDir) : async () => {};
  const ctx = await createContext(config, log);
  const app = await buildApp(ctx, { webRoot: defaultWebRoot() });

  if (config.database.engine === 'sqlite') {
    // This process owns the data directory and nothing is being uploaded yet: whatever a crash left
    // behind (temporary files, bytes whose row never committed) goes now, before the first request.
    const swept = await runDocumentCleanup(ctx, { atStart: true, blobGraceMs: 0 });
    if (swept.tmpRemoved + swept.blobsRemoved > 0) log.info(swept, 'leftovers of an interrupted run removed');
  }

  const created = await bootstrapAdmin(ctx);
  if (created) log.info({ email: created }, 'first administrator created from FOYER_ADMIN_EMAIL');

  await app.listen({ port: config.port, host: config.host });
  const stopBackground = startBackground(ctx);
  // The address is for the operator, so it is printed whatever the log level, after what was logged so far.
  await new Promise<void>((resolve) => log.flush(() => resolve()));
  process.stdout.write(`Foyer is running at ${config.publicUrl.origin}\n`);
  const setupLink = await issueSetupLink(ctx);
  if (setupLink) {
    // Printed plainly on purpose: it is the one secret the operator must read from the log.
    process.stdout.write(`\n  No administrator exists yet. Open this one-time link to set up Foyer:\n\n    ${setupLink}\n\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close();
    await stopBackground();
    await closeContext(ctx);
    await unlock();
    log.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Foyer could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
