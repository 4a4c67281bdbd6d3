import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../../src/server/audit/record.js';
import { verifyAuditLog } from '../../src/server/cli/commands.js';
import { runAuditRetention } from '../../src/server/jobs/audit-retention.job.js';
import { drainEvents } from '../support/events.js';
import { call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, managerWithWorkspace } from '../support/workspaces.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const verify = () => verifyAuditLog({ db: t.ctx.db, config: t.ctx.config });
const seqs = async () => (await t.ctx.db.selectFrom('audit_events').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));

describe('the tamper-evident audit log', () => {
  it('chains every entry to the one before, also when many are written at once', async () => {
    const admin = await adminCaller(t);
    await Promise.all(Array.from({ length: 8 }, () => managerWithWorkspace(t)));
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(t.app, 'POST', '/api/v1/auth/login', { email: `nobody${i}@example.test`, password: 'wrong one' }),
      ),
    );
    await call(t.app, 'PATCH', '/api/v1/settings', { organizationName: 'Chained Ltd' }, admin);
    const numbers = await seqs();
    expect(numbers.length).toBeGreaterThanOrEqual(30);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(await verify()).toEqual({ checked: numbers.length, firstSeq: 1, broken: null });
  });

  it('reports the first entry whose words were changed, or that went missing', async () => {
    await record(t.ctx.db, { actorId: null, action: 'settings.changed', details: { organizationName: 'Before' } });
    const all = await seqs();
    const victim = all[Math.floor(all.length / 2)] as number;
    const row = await t.ctx.db.selectFrom('audit_events').select(['id', 'details']).where('seq', '=', victim).executeTakeFirstOrThrow();

    await t.ctx.db.updateTable('audit_events').set({ details: '{"organizationName":"Forged"}' }).where('seq', '=', victim).execute();
    expect((await verify()).broken).toEqual({ seq: victim, id: row.id, problem: 'its contents were changed after it was written' });

    await t.ctx.db.updateTable('audit_events').set({ details: row.details }).where('seq', '=', victim).execute();
    expect((await verify()).broken).toBeNull();

    // Rewriting an entry with a fresh hash of its own still breaks the next link.
    const { hash, ...fields } = await t.ctx.db.selectFrom('audit_events').selectAll().where('seq', '=', victim).executeTakeFirstOrThrow();
    const { entryHash } = await import('../../src/server/audit/chain.js');
    const forged = { ...fields, details: '{"forged":true}' };
    await t.ctx.db
      .updateTable('audit_events')
      .set({ details: forged.details, hash: entryHash({ ...forged, seq: Number(forged.seq), internal: Number(forged.internal) }) })
      .where('seq', '=', victim)
      .execute();
    expect((await verify()).broken).toMatchObject({ seq: victim + 1, problem: 'its link does not match the previous entry' });
    await t.ctx.db.updateTable('audit_events').set({ details: fields.details, hash }).where('seq', '=', victim).execute();

    const saved = await t.ctx.db.selectFrom('audit_events').selectAll().where('seq', '=', victim).executeTakeFirstOrThrow();
    await t.ctx.db.deleteFrom('audit_events').where('seq', '=', victim).execute();
    expect((await verify()).broken).toMatchObject({ seq: victim + 1, problem: `entries ${victim} to ${victim} are missing` });
    await t.ctx.db.insertInto('audit_events').values(saved).execute();
    expect((await verify()).broken).toBeNull();
  });

  it('removes entries past the retention period from the start of the chain, which still verifies', async () => {
    const total = (await seqs()).length;
    const old = await seqs();
    const cutoffSeq = old[9] as number;
    // The first ten entries happened long ago.
    await t.ctx.db.updateTable('audit_events').set({ occurred_at: '2020-01-01T00:00:00.000Z' }).where('seq', '<=', cutoffSeq).execute();
    // Their hashes covered the old times: re-chain them as the log would have written them then.
    const { entryHash, GENESIS } = await import('../../src/server/audit/chain.js');
    let prev = GENESIS;
    for (const row of await t.ctx.db.selectFrom('audit_events').selectAll().orderBy('seq').execute()) {
      const { hash: _old, ...fields } = row;
      const next = entryHash({ ...fields, prev_hash: prev, seq: Number(fields.seq), internal: Number(fields.internal) });
      await t.ctx.db.updateTable('audit_events').set({ prev_hash: prev, hash: next }).where('id', '=', row.id).execute();
      prev = next;
    }
    expect((await verify()).broken).toBeNull();

    const kept = await startTestApp({ FOYER_AUDIT_RETENTION_DAYS: '365' });
    try {
      await drainEvents(t.ctx);
      expect(await runAuditRetention({ ...t.ctx, config: kept.config })).toBe(10);
    } finally {
      await kept.close();
    }
    const report = await verify();
    expect(report).toMatchObject({ firstSeq: cutoffSeq + 1, broken: null, checked: total - 10 + 1 });
    const purge = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(purge.action).toBe('audit.purged');
    expect(JSON.parse(purge.details)).toMatchObject({ through: cutoffSeq, removed: 10, retentionDays: 365 });
  });

  it('never removes an entry some consumer of the events has not handled yet', async () => {
    await drainEvents(t.ctx);
    const before = await seqs();
    // A consumer fell behind: it has handled only the first three entries kept.
    const behind = before[2] as number;
    await t.ctx.db.updateTable('event_consumers').set({ last_seq: behind }).where('name', '=', 'webhooks').execute();
    await t.ctx.db.updateTable('audit_events').set({ occurred_at: '2020-01-01T00:00:00.000Z' }).execute();
    const kept = await startTestApp({ FOYER_AUDIT_RETENTION_DAYS: '30' });
    try {
      expect(await runAuditRetention({ ...t.ctx, config: kept.config })).toBe(3);
      expect((await seqs())[0]).toBe(behind + 1);
    } finally {
      await kept.close();
      await drainEvents(t.ctx);
    }
  });

  it('keeps the newest entry when everything is past the retention period, and then removes nothing more', async () => {
    await t.ctx.db.updateTable('audit_events').set({ occurred_at: '2020-01-01T00:00:00.000Z' }).execute();
    const newest = Math.max(...(await seqs()));
    const kept = await startTestApp({ FOYER_AUDIT_RETENTION_DAYS: '30' });
    try {
      const ctx = { ...t.ctx, config: kept.config };
      await drainEvents(t.ctx);
      expect(await runAuditRetention(ctx)).toBeGreaterThan(0);
      // The old newest entry and the purge entry after it: the chain goes on, numbers are not reused.
      expect(await seqs()).toEqual([newest, newest + 1]);
      // Once no longer the newest, the old entry goes too; after that there is nothing left to remove.
      await drainEvents(t.ctx);
      expect(await runAuditRetention(ctx)).toBe(1);
      await drainEvents(t.ctx);
      expect(await runAuditRetention(ctx)).toBe(0);
      expect(await seqs()).toEqual([newest + 1, newest + 2]);
      expect((await verify()).broken).toBeNull();
    } finally {
      await kept.close();
    }
  });
});
