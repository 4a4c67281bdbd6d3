import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/client.js';
import { makeEmployee } from '../support/factories.js';
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
