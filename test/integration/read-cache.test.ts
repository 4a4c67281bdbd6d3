import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/server/db/client.js';
import { makeEmployee, makeGuest } from '../support/factories.js';
import { call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Session and user lookups are served from a read cache on the embedded database. These tests
// change the database behind the server's back, the way the command line or a second node does,
// and check that the very next request sees it.

let t: TestApp;
let other: ReturnType<typeof openDatabase>;
beforeAll(async () => {
  t = await startTestApp();
  other = openDatabase(t.config.database);
});
afterAll(async () => {
  await other.close();
  await t.close();
});

describe('hot-path reads stay exact when another connection writes', () => {
  it('refuses a cached session on the next request after another connection suspends its user', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    for (let i = 0; i < 3; i++) expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(200);

    await other.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', user.id).execute();
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(401);
  });

  it('ends a cached session on the next request after another connection deletes it', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(200);

    await other.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(401);
  });

  it('shows a name changed by another connection on the next request', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).json().name).toBe(user.name);

    await other.db.updateTable('users').set({ name: 'Renamed Elsewhere' }).where('id', '=', user.id).execute();
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).json().name).toBe('Renamed Elsewhere');
  });
});

describe("a guest's memberships in the read cache", () => {
  async function guestInWorkspace(expiresAt: string | null) {
    const manager = await makeEmployee(t.ctx);
    const managerCookie = await signIn(t.app, manager.email, manager.password);
    const workspace = (await call(t.app, 'POST', '/api/v1/workspaces', { name: 'Cached hallway' }, { cookie: managerCookie })).json();
    const guest = await makeGuest(t.ctx);
    const now = new Date().toISOString();
    await t.ctx.db
      .insertInto('memberships')
      .values({
        workspace_id: workspace.id,
        user_id: guest.id,
        role: 'guest',
        status: 'active',
        sponsor_id: manager.id,
        expires_at: expiresAt,
        reminder_sent_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { workspaceId: workspace.id as string, guest, cookie: await signIn(t.app, guest.email, guest.password) };
  }

  beforeAll(async () => {
    await t.ctx.db.insertInto('settings').values({ key: 'extranetEnabled', value: 'true' }).execute();
  });

  it('refuses the workspace on the next request after another connection removes the membership', async () => {
    const { workspaceId, guest, cookie } = await guestInWorkspace(null);
    for (let i = 0; i < 3; i++)
      expect((await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}`, undefined, { cookie })).statusCode).toBe(200);

    await other.db.deleteFrom('memberships').where('user_id', '=', guest.id).execute();
    expect((await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}`, undefined, { cookie })).statusCode).toBe(404);
  });

  it('refuses the workspace once its end date passes, with nothing written to the database', async () => {
    // Less than a minute later: the session is not even touched, so nothing at all is written.
    const end = Date.now() + 30 * 1000;
    const { workspaceId, cookie } = await guestInWorkspace(new Date(end).toISOString());
    expect((await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}`, undefined, { cookie })).statusCode).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(end + 1000);
      expect((await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}`, undefined, { cookie })).statusCode).toBe(404);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows a guest's workspace list as another connection left it", async () => {
    const { workspaceId, guest, cookie } = await guestInWorkspace(null);
    const names = async () =>
      (await call(t.app, 'GET', '/api/v1/workspaces', undefined, { cookie })).json().items.map((w: { name: string }) => w.name);
    expect(await names()).toEqual(['Cached hallway']);

    await other.db.updateTable('workspaces').set({ name: 'Renamed hallway' }).where('id', '=', workspaceId).execute();
    expect(await names()).toEqual(['Renamed hallway']);

    await other.db.deleteFrom('memberships').where('user_id', '=', guest.id).execute();
    expect(await names()).toEqual([]);
  });
});
