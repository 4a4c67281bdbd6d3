import path from 'node:path';
import { DEFAULT_PASSWORD_MIN_LENGTH } from '../../shared/accounts.js';

export type DatabaseConfig = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: URL;
  /** True when the public URL is https: cookies get `Secure` and the `__Host-` prefix, HSTS is sent. */
  secure: boolean;
  database: DatabaseConfig;
  smtpUrl: string | null;
  mailFrom: string;
  admin: { email: string; password: string; name: string } | null;
  organizationName: string | null;
  passwordMinLength: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Reverse proxies whose X-Forwarded-For is believed: none, a number of hops, or their addresses. */
  trustProxy: false | number | string[];
  logLevel: string;
  /** Key that derives invitation links from their ids; null: kept in <data dir>/link-key. */
  secretKey: string | null;
  /** Largest single upload, in bytes. */
  maxUploadBytes: number;
  /** Bytes of all document versions per workspace and in the installation; 0 = unlimited. */
  workspaceQuotaBytes: number;
  storageQuotaBytes: number;
  /** ClamAV daemon (`tcp://host:port`); when set, every upload is scanned and refused if it cannot be. */
  clamdUrl: string | null;
  /** Days before a task's due date its assignees are e-mailed a reminder; 0 = no reminders. */
  taskReminderDays: number;
  /** Days the audit log keeps an entry; 0 = for ever. */
  auditRetentionDays: number;
  /** UTC hour (0–23) after which each day's notification digest e-mails go out. */
  digestHour: number;
  /** Seconds between passes of the periodic jobs (reminders, expiry, digests). */
  jobIntervalSeconds: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Foyer cannot start. Fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates every setting at once so the operator sees the whole list of mistakes. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const trustedProxies = (): Config['trustProxy'] => {
    const raw = value('FOYER_TRUST_PROXY');
    if (raw === undefined || ['false', 'no', 'off', '0'].includes(raw.toLowerCase())) return false;
    if (/^\d+$/.test(raw)) return Number(raw);
    const list = raw.split(',').map((a) => a.trim());
    // "true" would believe every hop, and the first hop is whatever the client wrote.
    if (list.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a) || ['loopback', 'linklocal', 'uniquelocal'].includes(a))) return list;
    problems.push(
      `FOYER_TRUST_PROXY: give the number of proxies in front of Foyer (e.g. 1) or their addresses (e.g. 10.0.0.5,loopback), not "${raw}"`,
    );
    return false;
  };

  const port = integer('PORT', 3000, 1, 65535);
  const host = value('HOST') ?? '127.0.0.1';
  const dataDir = path.resolve(cwd, value('FOYER_DATA_DIR') ?? 'data');

  let publicUrl = new URL(`http://localhost:${port}`);
  const rawPublicUrl = value('FOYER_PUBLIC_URL');
  if (rawPublicUrl !== undefined) {
    const parsed = URL.canParse(rawPublicUrl) ? new URL(rawPublicUrl) : null;
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
      problems.push(`FOYER_PUBLIC_URL: must be an http:// or https:// address (got "${rawPublicUrl}")`);
    } else if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) {
      problems.push(`FOYER_PUBLIC_URL: must be an origin only, like https://extranet.example.com (got "${rawPublicUrl}")`);
    } else {
      publicUrl = parsed;
    }
  }

  let database: DatabaseConfig = { engine: 'sqlite', file: path.join(dataDir, 'foyer.db') };
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl) && URL.canParse(databaseUrl)) {
      database = { engine: 'postgres', url: databaseUrl };
    } else {
      problems.push('DATABASE_URL: must be a postgres:// address, or unset to use the embedded SQLite database');
    }
  }

  const smtpUrl = value('FOYER_SMTP_URL') ?? null;
  if (smtpUrl !== null && !(/^smtps?:\/\//.test(smtpUrl) && URL.canParse(smtpUrl))) {
    problems.push('FOYER_SMTP_URL: must be an smtp:// or smtps:// address, or unset to write e-mails to the outbox folder');
  }

  const adminEmail = value('FOYER_ADMIN_EMAIL');
  const adminPassword = env.FOYER_ADMIN_PASSWORD;
  let admin: Config['admin'] = null;
  if (adminEmail !== undefined || adminPassword) {
    if (adminEmail === undefined || !adminPassword) {
      problems.push('FOYER_ADMIN_EMAIL and FOYER_ADMIN_PASSWORD: set both or neither');
    } else if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
      problems.push(`FOYER_ADMIN_EMAIL: not an e-mail address (got "${adminEmail}")`);
    } else {
      admin = { email: adminEmail, password: adminPassword, name: value('FOYER_ADMIN_NAME') ?? 'Administrator' };
    }
  }

  const secretKey = value('FOYER_SECRET_KEY') ?? null;
  if (secretKey !== null && secretKey.length < 32)
    problems.push('FOYER_SECRET_KEY: must be at least 32 characters (e.g. openssl rand -hex 32)');

  const clamdUrl = value('FOYER_CLAMD_URL') ?? null;
  if (clamdUrl !== null && !(/^tcp:\/\/[^/]+$/.test(clamdUrl) && URL.canParse(clamdUrl)))
    problems.push(`FOYER_CLAMD_URL: must be the ClamAV daemon's address like tcp://127.0.0.1:3310 (got "${clamdUrl}")`);

  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port,
    host,
    dataDir,
    publicUrl,
    secure: publicUrl.protocol === 'https:',
    database,
    smtpUrl,
    mailFrom: value('FOYER_MAIL_FROM') ?? `Foyer <no-reply@${publicUrl.hostname}>`,
    admin,
    organizationName: value('FOYER_ORGANIZATION_NAME') ?? null,
    passwordMinLength: integer('FOYER_PASSWORD_MIN_LENGTH', DEFAULT_PASSWORD_MIN_LENGTH, 8, 128),
    sessionIdleMinutes: integer('FOYER_SESSION_IDLE_MINUTES', 30, 5, 7 * 24 * 60),
    sessionAbsoluteHours: integer('FOYER_SESSION_ABSOLUTE_HOURS', 12, 1, 30 * 24),
    trustProxy: trustedProxies(),
    logLevel,
    secretKey,
    maxUploadBytes: integer('FOYER_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES, 1, Number.MAX_SAFE_INTEGER),
    workspaceQuotaBytes: integer('FOYER_WORKSPACE_QUOTA_BYTES', 0, 0, Number.MAX_SAFE_INTEGER),
    storageQuotaBytes: integer('FOYER_STORAGE_QUOTA_BYTES', 0, 0, Number.MAX_SAFE_INTEGER),
    clamdUrl,
    taskReminderDays: integer('FOYER_TASK_REMINDER_DAYS', 1, 0, 30),
    auditRetentionDays: integer('FOYER_AUDIT_RETENTION_DAYS', 0, 0, 36_500),
    digestHour: integer('FOYER_DIGEST_HOUR', 7, 0, 23),
    jobIntervalSeconds: integer('FOYER_JOB_INTERVAL_SECONDS', 60, 1, 3600),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The canonical origin without a trailing slash; every link we send is built on it, never on `Host`. */
export function publicOrigin(config: Config): string {
  return config.publicUrl.origin;
}
