import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmployee } from '../support/factories.js';
import { call, sessionCookieFrom, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('sign-in and sessions', () => {
  it('signs in, answers /me, and signs out', async () => {
    const user = await makeEmployee(t.ctx);
    const login = await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email.toUpperCase(), password: user.password });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ id: user.id, email: user.email, kind: 'employee', role: 'user', status: 'active' });
    const cookie = sessionCookieFrom(login);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const me = await call(t.app, 'GET', '/api/v1/me', undefined, { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, email: user.email, name: user.name, kind: 'employee', role: 'user', status: 'active' });

    expect((await call(t.app, 'POST', '/api/v1/auth/logout', undefined, { cookie })).statusCode).toBe(204);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown e-mail with the same generic 401', async () => {
    const user = await makeEmployee(t.ctx);
    const wrong = await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: 'not the password at all' });
    const unknown = await call(t.app, 'POST', '/api/v1/auth/login', {
      email: 'nobody@company.example',
      password: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('issues a new session id at each sign-in', async () => {
    const user = await makeEmployee(t.ctx);
    const first = await signIn(t.app, user.email, user.password);
    const second = await signIn(t.app, user.email, user.password);
    expect(first).not.toBe(second);
  });
});
