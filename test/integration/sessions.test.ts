import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/server/lib/secrets.js';
import { makeAdmin, makeEmployee } from '../support/factories.js';
import { call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const NEW_PASSWORD = 'a brand new passphrase for spring';

/** The stored session row behind a cookie header (only its hash is in the database). */
function sessionHash(cookie: string): string {
  return hashSecret(decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)));
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function createToken(cookie: string): Promise<string> {
  const response = await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'script' }, { cookie });
  expect(response.statusCode).toBe(201);
  return response.json().token as string;
}

describe('session timeouts', () => {
  it('ends a session that has been idle longer than the idle timeout', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(200);

    await t.ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: minutesAgo(t.config.sessionIdleMinutes + 1) })
      .where('id_hash', '=', sessionHash(cookie))
      .execute();

    const me = await call(t.app, 'GET', '/api/v1/me', undefined, { cookie });
    expect(me.statusCode).toBe(401);
    expect(me.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('keeps a session that was used just under the idle timeout ago', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    await t.ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: minutesAgo(t.config.sessionIdleMinutes - 2) })
      .where('id_hash', '=', sessionHash(cookie))
      .execute();

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(200);
    // Being used again restarts the idle clock.
    const row = await t.ctx.db
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('id_hash', '=', sessionHash(cookie))
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.last_seen_at)).toBeGreaterThan(Date.parse(minutesAgo(1)));
  });

  it('ends a session past its absolute lifetime even while it is in use', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    await t.ctx.db
      .updateTable('sessions')
      .set({ expires_at: minutesAgo(1), last_seen_at: new Date().toISOString() })
      .where('id_hash', '=', sessionHash(cookie))
      .execute();

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(401);
  });
});

describe('suspension', () => {
  it('ends the sessions and the API tokens of a suspended person on their very next request', async () => {
    const admin = await makeAdmin(t.ctx);
    const adminCookie = await signIn(t.app, admin.email, admin.password);
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    const token = await createToken(cookie);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { token })).statusCode).toBe(200);

    const suspend = await call(t.app, 'PATCH', `/api/v1/users/${user.id}`, { status: 'suspended' }, { cookie: adminCookie });
    expect(suspend.statusCode).toBe(200);
    expect(suspend.json().status).toBe('suspended');

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(401);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { token })).statusCode).toBe(401);
    expect((await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'another' }, { token })).statusCode).toBe(401);
    const signInAgain = await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password });
    expect(signInAgain.statusCode).toBe(401);
  });

  it('leaves other people signed in when someone is suspended', async () => {
    const admin = await makeAdmin(t.ctx);
    const adminCookie = await signIn(t.app, admin.email, admin.password);
    const colleague = await makeEmployee(t.ctx);
    const colleagueCookie = await signIn(t.app, colleague.email, colleague.password);
    const user = await makeEmployee(t.ctx);

    expect((await call(t.app, 'PATCH', `/api/v1/users/${user.id}`, { status: 'suspended' }, { cookie: adminCookie })).statusCode).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie: colleagueCookie })).statusCode).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie: adminCookie })).statusCode).toBe(200);
  });
});

describe('changing the password', () => {
  it('keeps the current session, ends the other sessions, and replaces the password', async () => {
    const user = await makeEmployee(t.ctx);
    const current = await signIn(t.app, user.email, user.password);
    const otherDevice = await signIn(t.app, user.email, user.password);

    const change = await call(
      t.app,
      'POST',
      '/api/v1/me/password',
      { currentPassword: user.password, newPassword: NEW_PASSWORD },
      { cookie: current },
    );
    expect(change.statusCode).toBe(204);

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie: current })).statusCode).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie: otherDevice })).statusCode).toBe(401);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(200);

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('actor_id')
      .where('action', '=', 'auth.password_changed')
      .where('target_id', '=', user.id)
      .execute();
    expect(audit).toEqual([{ actor_id: user.id }]);
  });

  it('refuses a wrong current password with 400 naming /currentPassword and changes nothing', async () => {
    const user = await makeEmployee(t.ctx);
    const current = await signIn(t.app, user.email, user.password);
    const otherDevice = await signIn(t.app, user.email, user.password);

    const change = await call(
      t.app,
      'POST',
      '/api/v1/me/password',
      { currentPassword: 'this is not my password', newPassword: NEW_PASSWORD },
      { cookie: current },
    );
    expect(change.statusCode).toBe(400);
    expect(change.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(change.json().errors.map((e: { path: string }) => e.path)).toEqual(['/currentPassword']);

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie: otherDevice })).statusCode).toBe(200);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password })).statusCode).toBe(200);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(401);
  });

  it('refuses a weak new password with 400 naming /newPassword and keeps the old one', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);

    for (const weak of ['short', 'supernatural', `my ${user.name} secret`]) {
      const change = await call(t.app, 'POST', '/api/v1/me/password', { currentPassword: user.password, newPassword: weak }, { cookie });
      expect(change.statusCode).toBe(400);
      expect(change.json().errors.map((e: { path: string }) => e.path)).toEqual(['/newPassword']);
    }
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password })).statusCode).toBe(200);
  });
});
