import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config/config.js';

describe('configuration', () => {
  it('has working defaults: SQLite under ./data, port 3000, http://localhost:3000', () => {
    const config = loadConfig({}, '/srv/foyer');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/srv/foyer/data');
    expect(config.database).toEqual({ engine: 'sqlite', file: '/srv/foyer/data/foyer.db' });
    expect(config.publicUrl.origin).toBe('http://localhost:3000');
    expect(config.secure).toBe(false);
    expect(config.admin).toBeNull();
  });

  it('switches to PostgreSQL for a postgres:// DATABASE_URL and to secure cookies for an https public URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db/foyer', FOYER_PUBLIC_URL: 'https://extranet.example.com' });
    expect(config.database).toEqual({ engine: 'postgres', url: 'postgres://u@db/foyer' });
    expect(config.secure).toBe(true);
  });

  it('lists every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        FOYER_PUBLIC_URL: 'ftp://x',
        DATABASE_URL: 'mysql://x',
        FOYER_SMTP_URL: 'nope',
        FOYER_ADMIN_EMAIL: 'a@b.c',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'FOYER_PUBLIC_URL', 'DATABASE_URL', 'FOYER_SMTP_URL', 'FOYER_ADMIN_EMAIL and FOYER_ADMIN_PASSWORD']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).message).toMatch(/^Foyer cannot start/);
  });

  it('refuses a public URL with a path, because links and cookies are built on the origin', () => {
    expect(() => loadConfig({ FOYER_PUBLIC_URL: 'https://example.com/foyer' })).toThrow(/origin only/);
  });
});

describe('FOYER_TRUST_PROXY', () => {
  it('believes no proxy by default, a number of hops, or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ FOYER_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ FOYER_TRUST_PROXY: '10.0.0.5, loopback' }).trustProxy).toEqual(['10.0.0.5', 'loopback']);
  });

  it('refuses "true", which would believe addresses a client writes itself', () => {
    expect(() => loadConfig({ FOYER_TRUST_PROXY: 'true' })).toThrow(/FOYER_TRUST_PROXY/);
  });
});

describe('FOYER_TASK_REMINDER_DAYS', () => {
  it('reminds a day ahead by default, accepts 0 (off) to 30 days, and names the variable otherwise', () => {
    expect(loadConfig({}).taskReminderDays).toBe(1);
    expect(loadConfig({ FOYER_TASK_REMINDER_DAYS: '0' }).taskReminderDays).toBe(0);
    expect(loadConfig({ FOYER_TASK_REMINDER_DAYS: '3' }).taskReminderDays).toBe(3);
    for (const wrong of ['-1', '31', '1.5', 'tomorrow']) {
      expect(() => loadConfig({ FOYER_TASK_REMINDER_DAYS: wrong })).toThrow(
        /FOYER_TASK_REMINDER_DAYS: must be a whole number from 0 to 30/,
      );
    }
  });
});

describe('FOYER_AUDIT_RETENTION_DAYS', () => {
  it('keeps the audit log for ever by default, accepts a number of days, and names the variable otherwise', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(0);
    expect(loadConfig({ FOYER_AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
    for (const wrong of ['-1', '1.5', 'a year']) {
      expect(() => loadConfig({ FOYER_AUDIT_RETENTION_DAYS: wrong })).toThrow(/FOYER_AUDIT_RETENTION_DAYS/);
    }
  });
});

describe('FOYER_DIGEST_HOUR and FOYER_JOB_INTERVAL_SECONDS', () => {
  it('sends digests after 07:00 UTC and runs periodic jobs every minute by default, and names the variable otherwise', () => {
    expect(loadConfig({}).digestHour).toBe(7);
    expect(loadConfig({ FOYER_DIGEST_HOUR: '0' }).digestHour).toBe(0);
    expect(loadConfig({ FOYER_DIGEST_HOUR: '23' }).digestHour).toBe(23);
    for (const wrong of ['-1', '24', '7.5', 'morning']) {
      expect(() => loadConfig({ FOYER_DIGEST_HOUR: wrong })).toThrow(/FOYER_DIGEST_HOUR: must be a whole number from 0 to 23/);
    }
    expect(loadConfig({}).jobIntervalSeconds).toBe(60);
    expect(loadConfig({ FOYER_JOB_INTERVAL_SECONDS: '1' }).jobIntervalSeconds).toBe(1);
    for (const wrong of ['0', '3601', '0.5']) {
      expect(() => loadConfig({ FOYER_JOB_INTERVAL_SECONDS: wrong })).toThrow(
        /FOYER_JOB_INTERVAL_SECONDS: must be a whole number from 1 to 3600/,
      );
    }
  });
});
