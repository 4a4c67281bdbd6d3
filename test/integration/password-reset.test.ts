import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../../src/server/lib/secrets.js';
import { makeEmployee } from '../support/factories.js';
import { call, callFrom, signIn } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NEW_PASSWORD = 'a fresh passphrase after the reset';
const LINK = /http:\/\/foyer\.test\/reset-password#token=([A-Za-z0-9_-]+)/;

// Each test asks from its own address, so the per-address request limit of one test never reaches another.
let addressCounter = 0;
const freshAddress = () => `10.30.0.${++addressCounter}`;

function forgot(t: TestApp, email: string, address: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return callFrom(address, t.app, 'POST', '/api/v1/auth/password/forgot', { email }, {}, headers);
}

function reset(t: TestApp, token: string, password: string, address: string): Promise<LightMyRequestResponse> {
  return callFrom(address, t.app, 'POST', '/api/v1/auth/password/reset', { token, password });
}

const sentTo = (email: string) => (m: ParsedMail) =>
  m.to !== undefined && [m.to].flat().some((a) => a.value.some((v) => v.address === email));

function tokenFrom(mail: ParsedMail): string {
  const match = LINK.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`no reset link in the e-mail text: ${mail.text}`);
  return match[1];
}

const errorPaths = (response: LightMyRequestResponse) => (response.json().errors as { path: string }[]).map((e) => e.path);

describe('password reset by e-mail', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await startTestApp({ FOYER_SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function requestLink(email: string, address = freshAddress()): Promise<string> {
    const before = smtp.messages.filter(sentTo(email)).length;
    expect((await forgot(t, email, address)).statusCode).toBe(202);
    const mail = await smtp.waitFor((m) => sentTo(email)(m) && smtp.messages.filter(sentTo(email)).indexOf(m) >= before);
    return tokenFrom(mail);
  }

  it('answers 202 and e-mails a text and an HTML part with a link on the public URL, never on the Host header', async () => {
    const user = await makeEmployee(t.ctx);
    const response = await forgot(t, user.email.toUpperCase(), freshAddress(), { host: 'evil.example' });
    expect(response.statusCode).toBe(202);

    const mail = await smtp.waitFor(sentTo(user.email));
    const token = tokenFrom(mail);
    expect(mail.html).toBeTypeOf('string');
    expect(mail.html).toContain(`http://foyer.test/reset-password#token=${token}`);
    expect(`${mail.text}${mail.html}`).not.toContain('evil.example');
    expect(mail.subject).toMatch(/reset/i);

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', user.id)
      .where('action', '=', 'auth.password_reset_requested')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers an unknown address exactly like a known one, and sends it nothing', async () => {
    const known = await makeEmployee(t.ctx);
    const unknownEmail = `nobody-${Date.now().toString(36)}@company.example`;
    const address = freshAddress();
    const forUnknown = await forgot(t, unknownEmail, address);
    const forKnown = await forgot(t, known.email, address);
    expect(forUnknown.statusCode).toBe(202);
    expect(forUnknown.statusCode).toBe(forKnown.statusCode);
    expect(forUnknown.body).toBe(forKnown.body);
    expect(forUnknown.headers['content-type']).toBe(forKnown.headers['content-type']);

    // The known address's e-mail was queued after the unknown one; once it is here, the other would be too.
    await smtp.waitFor(sentTo(known.email));
    expect(smtp.messages.filter(sentTo(unknownEmail))).toHaveLength(0);
  });

  it('resets the password once with the link and ends every session and API token of the person', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(t.app, user.email, user.password);
    const apiToken = (await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'planted before the reset' }, { cookie })).json().token;
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { token: apiToken })).statusCode).toBe(200);
    const token = await requestLink(user.email);
    const address = freshAddress();

    expect((await reset(t, token, NEW_PASSWORD, address)).statusCode).toBe(204);

    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { cookie })).statusCode).toBe(401);
    expect((await call(t.app, 'GET', '/api/v1/me', undefined, { token: apiToken })).statusCode).toBe(401);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(200);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', user.id)
      .where('action', '=', 'auth.password_reset')
      .execute();
    expect(audit).toHaveLength(1);

    const again = await reset(t, token, 'yet another passphrase entirely', address);
    expect(again.statusCode).toBe(400);
    expect(errorPaths(again)).toEqual(['/token']);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses an expired link with 400 naming /token and keeps the old password', async () => {
    const user = await makeEmployee(t.ctx);
    const token = await requestLink(user.email);
    await t.ctx.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('token_hash', '=', hashSecret(token))
      .execute();

    const response = await reset(t, token, NEW_PASSWORD, freshAddress());
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(errorPaths(response)).toEqual(['/token']);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password })).statusCode).toBe(200);
  });

  it('makes the first link unusable once a second one is requested', async () => {
    const user = await makeEmployee(t.ctx);
    const address = freshAddress();
    const first = await requestLink(user.email, address);
    const second = await requestLink(user.email, address);
    expect(second).not.toBe(first);

    const withFirst = await reset(t, first, NEW_PASSWORD, address);
    expect(withFirst.statusCode).toBe(400);
    expect(errorPaths(withFirst)).toEqual(['/token']);
    expect((await reset(t, second, NEW_PASSWORD, address)).statusCode).toBe(204);
  });

  it('refuses a weak new password with 400 naming /password and leaves the link usable', async () => {
    const user = await makeEmployee(t.ctx);
    const token = await requestLink(user.email);
    const address = freshAddress();

    const weak = await reset(t, token, 'supernatural', address);
    expect(weak.statusCode).toBe(400);
    expect(errorPaths(weak)).toEqual(['/password']);
    expect((await reset(t, token, NEW_PASSWORD, address)).statusCode).toBe(204);
  });
});

describe('password reset without an SMTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes the e-mail with the link as an .eml file in the outbox folder', async () => {
    const user = await makeEmployee(t.ctx);
    expect((await forgot(t, user.email, freshAddress())).statusCode).toBe(202);

    const outbox = path.join(t.config.dataDir, 'outbox');
    const file = await vi.waitFor(
      () => {
        const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
        expect(files).toHaveLength(1);
        return path.join(outbox, files[0] as string);
      },
      { timeout: 5000, interval: 50 },
    );
    const mail = await simpleParser(readFileSync(file));
    expect(sentTo(user.email)(mail)).toBe(true);
    const token = tokenFrom(mail);

    expect((await reset(t, token, NEW_PASSWORD, freshAddress())).statusCode).toBe(204);
    expect((await call(t.app, 'POST', '/api/v1/auth/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(200);
  });
});
