import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config/config.js';
import type { Database } from './db/client.js';
import type { DB } from './db/schema.js';
import type { EventBus } from './events/bus.js';
import type { Mailer } from './mail/mailer.js';
import type { BlobStore } from './storage/blob-store.js';
import type { VirusScanner } from './storage/virus-scanner.js';

/** What every service needs, built once by main.ts (or a test) and handed to the app. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** Derives link tokens that can be shown again (invitations) while only their hashes are stored. */
  linkKey: Buffer;
  /** Document bytes. */
  storage: BlobStore;
  /** Present when FOYER_CLAMD_URL is set. */
  scanner: VirusScanner | null;
  /** Real-time messages between the processes (in-process on SQLite, LISTEN/NOTIFY on PostgreSQL). */
  bus: EventBus;
  /** Nudges for the background work of this process; no-ops until it runs (tests drive it by hand). */
  wake: Wake;
}

export interface Wake {
  /** New events may be in the log. */
  events(): void;
  /** New jobs may be due. */
  jobs(): void;
}

/** Per-request facts a use case may record (audit) or need (throttling), never trusted for access. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}
