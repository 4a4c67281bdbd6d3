import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin, issueSetupLink } from '../../src/server/modules/setup/setup.service.js';
import { makeAdmin } from '../support/factories.js';
import { call, sessionCookieFrom } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SETUP_LINK = /^http:\/\/foyer\.test\/setup#token=([A-Za-z0-9_-]+)$/;

function tokenOf(link: string | null): string {
  const token = SETUP_LINK.exec(link ?? '')?.[1];
  if (!token) throw new Error(`not a setup link: ${link}`);
  return token;
}

const setupBody = (token: string) => ({
  token,
  organizationName: '  Acme Industries ',
  name: 'Ada Admin',
  email: 'Ada.Admin@Acme.Example',
  password: 'the very first administrator passphrase',
});

async function countAdmins(t: TestApp): Promise<number> {
  return (await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').execute()).length;
}

describe('first-run setup with the one-time link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates the first administrator once, with the link built on the public URL', async () => {
    const instance = await call(t.app, 'GET', '/api/v1/instance');
    expect(instance.statusCode).toBe(200);
    expect(instance.json()).toMatchObject({ needsSetup: true, organizationName: null });

    const token = tokenOf(await issueSetupLink(t.ctx));

    const wrong = await call(t.app, 'POST', '/api/v1/setup', setupBody(`${token}x`));
    expect(wrong.statusCode).toBe(404);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await countAdmins(t)).toBe(0);

    const done = await call(t.app, 'POST', '/api/v1/setup', setupBody(token));
    expect(done.statusCode).toBe(201);
    expect(done.json().user).toMatchObject({
      email: 'ada.admin@acme.example',
      name: 'Ada Admin',
      kind: 'employee',
      role: 'admin',
      status: 'active',
    });

    const cookie = sessionCookieFrom(done);
    const me = await call(t.app, 'GET', '/api/v1/me', undefined, { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'ada.admin@acme.example', role: 'admin' });
    expect((await call(t.app, 'GET', '/api/v1/instance')).json()).toMatchObject({ needsSetup: false, organizationName: 'Acme Industries' });
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'setup.completed').execute();
    expect(audit).toHaveLength(1);

    const again = await call(t.app, 'POST', '/api/v1/setup', { ...setupBody(token), email: 'intruder@acme.example' });
    expect(again.statusCode).toBe(404);
    expect(again.body).toBe(wrong.body);
    expect(await countAdmins(t)).toBe(1);
    expect(await issueSetupLink(t.ctx)).toBeNull();
  });
});

describe('two people opening the setup link at the same moment', () => {
  let race: TestApp;
  beforeAll(async () => {
    race = await startTestApp();
  });
  afterAll(async () => {
    await race.close();
  });

  it('lets exactly one of them create an administrator', async () => {
    const token = tokenOf(await issueSetupLink(race.ctx));
    const answers = await Promise.all(
      ['alpha', 'bravo', 'charlie'].map((who) =>
        call(race.app, 'POST', '/api/v1/setup', { ...setupBody(token), email: `${who}@acme.example` }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 404, 404]);
    expect(await countAdmins(race)).toBe(1);
  });
});

describe('setup links while no administrator exists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('spends the previous link when a new one is issued', async () => {
    const first = tokenOf(await issueSetupLink(t.ctx));
    const second = tokenOf(await issueSetupLink(t.ctx));
    expect(second).not.toBe(first);

    expect((await call(t.app, 'POST', '/api/v1/setup', setupBody(first))).statusCode).toBe(404);
    expect((await call(t.app, 'POST', '/api/v1/setup', setupBody(second))).statusCode).toBe(201);
  });
});

describe('unattended start with FOYER_ADMIN_EMAIL and FOYER_ADMIN_PASSWORD', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      FOYER_ADMIN_EMAIL: 'Ops@Acme.Example',
      FOYER_ADMIN_PASSWORD: 'an unattended start passphrase',
      FOYER_ORGANIZATION_NAME: 'Acme Ops',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates the administrator on the first start and does nothing on the next', async () => {
    expect((await call(t.app, 'GET', '/api/v1/instance')).json().needsSetup).toBe(true);

    expect(await bootstrapAdmin(t.ctx)).toBe('ops@acme.example');
    const login = await call(t.app, 'POST', '/api/v1/auth/login', {
      email: 'ops@acme.example',
      password: 'an unattended start passphrase',
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ role: 'admin', kind: 'employee' });
    expect((await call(t.app, 'GET', '/api/v1/instance')).json()).toMatchObject({ needsSetup: false, organizationName: 'Acme Ops' });

    expect(await bootstrapAdmin(t.ctx)).toBeNull();
    expect(await countAdmins(t)).toBe(1);
    const created = await t.ctx.db.selectFrom('audit_events').select('target_id').where('action', '=', 'user.created').execute();
    expect(created).toHaveLength(1);
  });
});

describe('unattended start when an administrator already exists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ FOYER_ADMIN_EMAIL: 'second@acme.example', FOYER_ADMIN_PASSWORD: 'an unattended start passphrase' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves the existing administrator alone and creates nobody', async () => {
    const existing = await makeAdmin(t.ctx);
    expect(await bootstrapAdmin(t.ctx)).toBeNull();

    const admins = await t.ctx.db.selectFrom('users').select('email').where('role', '=', 'admin').execute();
    expect(admins).toEqual([{ email: existing.email }]);
    const login = await call(t.app, 'POST', '/api/v1/auth/login', {
      email: 'second@acme.example',
      password: 'an unattended start passphrase',
    });
    expect(login.statusCode).toBe(401);
  });
});
