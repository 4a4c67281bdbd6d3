import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/client.js';
import { migrateToLatest } from './db/migrator.js';
import { memoryBus } from './events/bus.js';
import { pgBus } from './events/pg-bus.js';
import { createMailer } from './mail/mailer.js';
import { LocalDiskStore } from './storage/local-disk-store.js';
import { clamdScanner } from './storage/virus-scanner.js';

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
  const storage = new LocalDiskStore(path.join(config.dataDir, 'files'));
  await storage.init();
  let bus = memoryBus();
  if (config.database.engine === 'postgres') {
    const shared = pgBus(config.database.url, database.db, (err) => log.warn({ err }, 'real-time bus connection failed; reconnecting'));
    try {
      await shared.ready;
    } catch (error) {
      await shared.close();
      await database.close();
      throw error;
    }
    bus = shared;
  }
  return {
    config,
    database,
    db: database.db,
    mailer: createMailer(config, log),
    log,
    linkKey: linkKey(config),
    storage,
    scanner: config.clamdUrl ? clamdScanner(config.clamdUrl) : null,
    bus,
    wake: { events() {}, jobs() {} },
  };
}

/**
 * The link key lives outside the database, so a copy of the database alone cannot rebuild links.
 * Several nodes on one PostgreSQL database must share it through FOYER_SECRET_KEY.
 */
function linkKey(config: Config): Buffer {
  if (config.secretKey) return Buffer.from(config.secretKey);
  const file = path.join(config.dataDir, 'link-key');
  try {
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim());
}

export async function closeContext(ctx: AppContext): Promise<void> {
  ctx.mailer.close();
  await ctx.bus.close();
  await ctx.database.close();
}
