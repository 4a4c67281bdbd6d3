import { mkdirSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/client.js';
import { migrateToLatest } from './db/migrator.js';
import { createMailer } from './mail/mailer.js';

/** Opens the database, applies pending migrations and wires the mailer: everything a service needs. */
export async function createContext(config: Config, log: FastifyBaseLogger): Promise<AppContext> {
  mkdirSync(config.dataDir, { recursive: true });
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db as never);
    if (applied.length > 0) log.info({ applied }, 'database migrations applied');
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database, db: database.db, mailer: createMailer(config, log), log };
}

export async function closeContext(ctx: AppContext): Promise<void> {
  ctx.mailer.close();
  await ctx.database.close();
}
