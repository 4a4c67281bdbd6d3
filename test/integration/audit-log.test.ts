import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEntry, record } from '../../src/server/audit/record.js';
import { AUDIT_CSV_COLUMNS } from '../../src/server/modules/audit/audit.csv.js';
import { makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  createWorkspace,
  enableExtranet,
  errorPaths,
  managerWithWorkspace,
  signedIn,
} from '../support/workspaces.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Item {
  seq: number;
  id: string;
  occurredAt: string;
  actor: { id: string; name: string; email?: string } | null;
  action: string;
  target: { type: string; id: string } | null;
  workspace: { id: string; name: string } | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

const audit = (caller: Caller, query: Record<string, string | number> = {}) =>
  call(
    t.app,
    'GET',
    `/api/v1/audit?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`,
    undefined,
    caller,
  );

async function page(caller: Caller, query: Record<string, string | number> = {}): Promise<Page> {
  const response = await audit(caller, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
}

/** Every entry matching the query, following the cursors. */
async function everything(caller: Caller, query: Record<string, string | number> = {}, limit = 200): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const p: Page = await page(caller, { ...query, limit, ...(cursor ? { cursor } : {}) });
    items.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor);
  return items;
}

const write = (entry: Omit<AuditEntry, 'actorId'> & { actorId?: string | null }) => record(t.ctx.db, { actorId: null, ...entry });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last record is not ended by CRLF');
  return rows;
}

const byColumn = (header: string[], row: string[]) => Object.fromEntries(header.map((h, i) => [h, row[i]]));

let admin: Caller & { id: string };
let managerA: Awaited<ReturnType<typeof managerWithWorkspace>>;
let managerB: Awaited<ReturnType<typeof managerWithWorkspace>>;
let member: Caller & { id: string };
let guest: Caller & { id: string };
let extranetAdmin: Caller & { id: string };

beforeAll(async () => {
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
  managerA = await managerWithWorkspace(t);
  managerB = await managerWithWorkspace(t);
  const memberUser = await makeEmployee(t.ctx);
  await addMember(t, managerA.workspaceId, memberUser.id, 'member');
  member = { id: memberUser.id, ...(await signedIn(t, memberUser)) };
  const guestUser = await makeGuest(t.ctx);
  await addMember(t, managerA.workspaceId, guestUser.id, 'guest');
  guest = { id: guestUser.id, ...(await signedIn(t, guestUser)) };
  const extranetUser = await makeEmployee(t.ctx, { role: 'extranet_admin' });
  extranetAdmin = { id: extranetUser.id, ...(await signedIn(t, extranetUser)) };
  // Something outside every workspace, and a failed sign-in.
  await write({ action: 'settings.changed', details: { organizationName: 'Audited Ltd' } });
  await call(t.app, 'POST', '/api/v1/auth/login', { email: 'nobody@example.test', password: 'not the password' });
});

describe('reading the audit log as an administrator', () => {
  it('lists entries newest first with who, what, where and the chain', async () => {
    const { items, nextCursor } = await page(admin, { limit: 200 });
    expect(nextCursor).toBeNull();
    expect(items.map((i) => i.seq)).toEqual([...items.map((i) => i.seq)].sort((a, b) => b - a));
    const created = items.find((i) => i.action === 'workspace.created' && i.workspace?.id === managerA.workspaceId);
    expect(created).toMatchObject({
      actor: { id: managerA.id, name: managerA.name, email: managerA.email },
      target: { type: 'workspace', id: managerA.workspaceId },
      workspace: { id: managerA.workspaceId, name: managerA.workspaceName },
      details: { name: managerA.workspaceName },
    });
    expect(created?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(created?.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const newer = items[items.indexOf(created as Item) - 1];
    expect(newer?.prevHash).toBe(created?.hash);
    expect(items.find((i) => i.action === 'settings.changed')).toMatchObject({ actor: null, workspace: null, target: null });
  });

  it('filters by person, workspace and action, exactly or by prefix', async () => {
    const mine = await everything(admin, { actorId: managerA.id });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.actor?.id === managerA.id)).toBe(true);
    expect(mine.map((i) => i.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'workspace.created']));

    const inA = await everything(admin, { workspaceId: managerA.workspaceId });
    expect(inA.length).toBeGreaterThan(0);
    expect(inA.every((i) => i.workspace?.id === managerA.workspaceId)).toBe(true);

    const signIns = await everything(admin, { action: 'auth.sign_in' });
    expect(new Set(signIns.map((i) => i.action))).toEqual(new Set(['auth.sign_in']));
    for (const prefix of ['auth.', 'auth.*']) {
      const auth = await everything(admin, { action: prefix });
      expect(new Set(auth.map((i) => i.action))).toEqual(new Set(['auth.sign_in', 'auth.sign_in_failed']));
    }
    // LIKE's wildcards are literal in a prefix: `auth_sign` matches nothing.
    expect((await page(admin, { action: 'auth_sign*' })).items).toEqual([]);

    const both = await everything(admin, { actorId: managerA.id, action: 'workspace.' });
    expect(both.map((i) => i.action)).toEqual(['workspace.created']);
  });

  it('filters by a time window: from inclusive, to exclusive, any offset', async () => {
    const workspace = await createWorkspace(t, admin);
    await tick();
    const before = new Date().toISOString();
    await tick();
    await write({ action: 'task.created', workspaceId: workspace.id, details: { n: 1 } });
    await tick();
    const between = new Date();
    await tick();
    await write({ action: 'task.created', workspaceId: workspace.id, details: { n: 2 } });
    const windowed = async (query: Record<string, string>) =>
      (await everything(admin, { workspaceId: workspace.id, ...query })).map((i) => i.details.n ?? i.action);

    expect(await windowed({})).toEqual([2, 1, 'workspace.created']);
    expect(await windowed({ from: before })).toEqual([2, 1]);
    expect(await windowed({ from: before, to: between.toISOString() })).toEqual([1]);
    expect(await windowed({ from: between.toISOString() })).toEqual([2]);
    expect(await windowed({ to: before })).toEqual(['workspace.created']);
    // The same instant written with an offset.
    const shifted = new Date(between.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect(await windowed({ from: shifted })).toEqual([2]);
  });

  it('pages through the log with a cursor, without gaps or repeats', async () => {
    const workspace = await createWorkspace(t, admin);
    for (let n = 0; n < 7; n++) await write({ action: 'note.created', workspaceId: workspace.id, details: { n } });
    const whole = (await page(admin, { workspaceId: workspace.id })).items;
    expect(whole).toHaveLength(8);

    const first = await page(admin, { workspaceId: workspace.id, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    // Entries written between two pages come first in the log and do not shift the next page.
    await write({ action: 'note.updated', workspaceId: workspace.id });
    const rest = await everything(admin, { workspaceId: workspace.id, cursor: first.nextCursor as string }, 3);
    expect([...first.items, ...rest]).toEqual(whole);
  });

  it('lets an extranet administrator read every workspace’s entries, and nothing outside workspaces', async () => {
    const items = await everything(extranetAdmin, {});
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.workspace !== null)).toBe(true);
    const workspaces = new Set(items.map((i) => i.workspace?.id));
    expect(workspaces.has(managerA.workspaceId) && workspaces.has(managerB.workspaceId)).toBe(true);
  });
});

describe('who reads the audit log', () => {
  it('shows a manager only the entries of the workspaces they manage', async () => {
    const items = await everything(managerA.caller, {});
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.workspace?.id))).toEqual(new Set([managerA.workspaceId]));
    expect((await everything(managerA.caller, { workspaceId: managerA.workspaceId })).map((i) => i.id)).toEqual(items.map((i) => i.id));
    // Filters only narrow: the manager's own sign-in is not in a workspace.
    expect(await everything(managerA.caller, { action: 'auth.' })).toEqual([]);
  });

  it('answers 404 to a manager for another workspace, the same as for one that does not exist', async () => {
    const other = await audit(managerA.caller, { workspaceId: managerB.workspaceId });
    const missing = await audit(managerA.caller, { workspaceId: 'no-such-workspace' });
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    // Exporting another workspace is refused the same way, and is not recorded.
    expect((await audit(managerA.caller, { workspaceId: managerB.workspaceId, format: 'csv' })).statusCode).toBe(404);
    expect((await page(admin, { actorId: managerA.id, action: 'audit.exported' })).items).toEqual([]);
  });

  it('refuses members and guests (403) and anonymous callers (401)', async () => {
    for (const caller of [member, guest]) {
      const queries: Record<string, string>[] = [{}, { workspaceId: managerA.workspaceId }, { format: 'csv' }];
      for (const query of queries) {
        const response = await audit(caller, query);
        expect(response.statusCode, `${caller.id} ${JSON.stringify(query)}`).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    expect((await audit({})).statusCode).toBe(401);
    expect((await audit({}, { format: 'json' })).statusCode).toBe(401);
  });

  it('stops reading a workspace’s entries when the manager no longer manages it', async () => {
    const manager = await managerWithWorkspace(t);
    expect((await audit(manager.caller)).statusCode).toBe(200);
    await t.ctx.db
      .updateTable('memberships')
      .set({ role: 'member' })
      .where('user_id', '=', manager.id)
      .where('workspace_id', '=', manager.workspaceId)
      .execute();
    expect((await audit(manager.caller)).statusCode).toBe(403);
  });
});

describe('bad input', () => {
  const cases: Array<[Record<string, string | number>, string]> = [
    [{ actorId: 'not an id!' }, '/querystring/actorId'],
    [{ workspaceId: 'x'.repeat(65) }, '/querystring/workspaceId'],
    [{ action: 'DROP TABLE' }, '/querystring/action'],
    [{ from: 'yesterday' }, '/querystring/from'],
    [{ to: '2026-13-45T00:00:00Z' }, '/querystring/to'],
    [{ from: '2026-06-30T23:59:60Z' }, '/querystring/from'],
    [{ format: 'xml' }, '/querystring/format'],
    [{ limit: 201 }, '/querystring/limit'],
    [{ limit: 0 }, '/querystring/limit'],
    [{ cursor: 'garbage' }, '/querystring/cursor'],
    [{ cursor: Buffer.from('{"seq":"-1"}').toString('base64url') }, '/querystring/cursor'],
    [{ cursor: Buffer.from('{"seq":"2147483648"}').toString('base64url') }, '/querystring/cursor'],
    [{ from: '2026-01-02T00:00:00Z', to: '2026-01-02T00:00:00Z' }, '/querystring/to'],
    [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z', format: 'csv' }, '/querystring/to'],
  ];
  it.each(cases)('answers 400 naming the field for %j', async (query, path) => {
    const response = await audit(admin, query);
    expect(response.statusCode, response.body).toBe(400);
    expect(errorPaths(response)).toContain(path);
  });
});

describe('exports', () => {
  const download = async (caller: Caller, query: Record<string, string>, format: 'csv' | 'json'): Promise<LightMyRequestResponse> => {
    const response = await audit(caller, { ...query, format });
    expect(response.statusCode, response.body).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="foyer-audit-${today}.${format}"`);
    expect(response.headers['content-type']).toBe(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    return response;
  };

  it('writes CSV with a header, RFC 4180 quoting and formula cells neutralised, and records the export', async () => {
    const workspace = await createWorkspace(t, admin, { name: '@SUM(A1:A9)' });
    const people = await Promise.all(['=1+1', '+x', '-y', 'Smith, "Jo"\nJunior'].map((name) => makeEmployee(t.ctx, { name })));
    for (const person of people)
      await write({ actorId: person.id, action: 'member.added', workspaceId: workspace.id, details: { note: '=HYPERLINK("x")' } });
    // Names are trimmed when stored; a tab or carriage return can still start a recorded target.
    await write({ action: 'member.removed', workspaceId: workspace.id, target: { type: '\tuser', id: '\rid' } });

    const response = await download(admin, { workspaceId: workspace.id }, 'csv');
    const [header, ...rows] = parseCsv(response.body);
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    const records = rows.map((row) => byColumn(header as string[], row));
    expect(records).toHaveLength(people.length + 2);
    const nameOf = (id: string) => records.find((r) => r.actorId === id)?.actorName;
    expect(people.map((p) => nameOf(p.id))).toEqual(["'=1+1", "'+x", "'-y", 'Smith, "Jo"\nJunior']);
    expect(records.find((r) => r.action === 'member.removed')).toMatchObject({ targetType: "'\tuser", targetId: "'\rid" });
    expect(response.body).toContain('"Smith, ""Jo""\nJunior"');
    expect(new Set(records.map((r) => r.workspaceName))).toEqual(new Set(["'@SUM(A1:A9)"]));
    expect(records.map((r) => Number(r.seq))).toEqual(records.map((r) => Number(r.seq)).sort((a, b) => b - a));
    const added = records.find((r) => r.actorId === people[0]?.id);
    expect(JSON.parse(added?.details as string)).toEqual({ note: '=HYPERLINK("x")' });

    const exported = (await page(admin, { action: 'audit.exported', actorId: admin.id, limit: 1 })).items[0];
    expect(exported).toMatchObject({
      actor: { id: admin.id },
      workspace: { id: workspace.id },
      details: { format: 'csv', filters: { workspaceId: workspace.id } },
    });
    // The file shows the log as it was when the export was asked for, not its own entry.
    expect(records.some((r) => r.action === 'audit.exported')).toBe(false);
    // Asking only what a download would be (HEAD) records nothing.
    const head = await call(t.app, 'HEAD', `/api/v1/audit?format=csv&workspaceId=${workspace.id}`, undefined, admin);
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toContain('text/csv');
    expect((await page(admin, { action: 'audit.exported', actorId: admin.id, limit: 1 })).items[0]?.id).toBe(exported?.id);
  });

  it('writes a JSON array equal to the filtered list', async () => {
    const workspace = await createWorkspace(t, admin);
    for (let n = 0; n < 3; n++)
      await write({ actorId: managerA.id, action: 'document.downloaded', workspaceId: workspace.id, details: { n } });
    const query = { workspaceId: workspace.id, action: 'document.', from: new Date(Date.now() - 60_000).toISOString() };
    const listed = await everything(admin, query);
    expect(listed).toHaveLength(3);
    const response = await download(admin, query, 'json');
    expect(JSON.parse(response.body)).toEqual(listed);

    const exported = (await page(admin, { action: 'audit.exported', actorId: admin.id, limit: 1 })).items[0];
    expect(exported?.details).toEqual({ format: 'json', filters: query });
    // An export that matches nothing is still a valid file.
    expect(JSON.parse((await download(admin, { ...query, action: 'topic.' }, 'json')).body)).toEqual([]);
    expect(parseCsv((await download(admin, { ...query, action: 'topic.' }, 'csv')).body)).toEqual([[...AUDIT_CSV_COLUMNS]]);
  });

  it('lets a manager export their workspace’s part only', async () => {
    const items = await everything(managerA.caller, {});
    const exported = JSON.parse((await download(managerA.caller, {}, 'json')).body) as Item[];
    expect(exported).toEqual(items);
  });

  it('streams an export of many batches complete and in order', async () => {
    const manager = await managerWithWorkspace(t);
    const total = 1_234;
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let n = 0; n < total; n++)
        await record(trx, { actorId: manager.id, action: 'document.viewed', workspaceId: manager.workspaceId, details: { n } });
    });
    const query = { workspaceId: manager.workspaceId, action: 'document.viewed' };

    const json = JSON.parse((await download(manager.caller, query, 'json')).body) as Item[];
    expect(json.map((i) => i.details.n)).toEqual(Array.from({ length: total }, (_, i) => total - 1 - i));
    const seqs = json.map((i) => i.seq);
    expect(seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] as number) - 1)).toBe(true);

    const [header, ...rows] = parseCsv((await download(manager.caller, query, 'csv')).body);
    expect(rows).toHaveLength(total);
    expect(rows.map((r) => Number(byColumn(header as string[], r).seq))).toEqual(seqs);

    // Paging through the API finds the same entries.
    expect((await everything(manager.caller, query)).map((i) => i.seq)).toEqual(seqs);
  });
});
