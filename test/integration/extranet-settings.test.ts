import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readExtranetPolicy } from '../../src/server/modules/settings/settings.repo.js';
import { makeAdmin, makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Each test gets a fresh installation: these tests are about what the settings are, and each one changes them.
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const POLICY_DEFAULTS = {
  extranetEnabled: false,
  workspaceCreators: 'all_employees',
  invitationApproval: false,
  allowedGuestDomains: [],
  blockedGuestDomains: [],
  guestSeatLimit: 0,
  inviterQuota: 0,
  guestDefaultAccessDays: 0,
  guestMaxAccessDays: 0,
  guestsSeeOwnOrganization: false,
  guestsSeeEmployeeEmails: false,
  invitationValidityDays: 14,
  suspendGuestsWithoutWorkspace: true,
};

async function signedIn(user: { email: string; password: string }): Promise<Caller> {
  return { cookie: await signIn(t.app, user.email, user.password) };
}

const admin = async () => signedIn(await makeAdmin(t.ctx));
const extranetAdmin = async () => signedIn(await makeEmployee(t.ctx, { role: 'extranet_admin' }));
const getSettings = async (caller: Caller) => (await call(t.app, 'GET', '/api/v1/settings', undefined, caller)).json();
const patch = (caller: Caller, body: unknown) => call(t.app, 'PATCH', '/api/v1/settings', body, caller);
const errorPaths = (response: LightMyRequestResponse) => (response.json().errors as { path: string }[]).map((e) => e.path);

async function settingsAudit(): Promise<Record<string, unknown>[]> {
  const rows = await t.ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'settings.changed').execute();
  return rows.map((r) => JSON.parse(r.details).changed);
}

describe('reading the extranet policies', () => {
  it('gives administrators every policy with its default, the seats used and all abilities', async () => {
    const response = await call(t.app, 'GET', '/api/v1/settings', undefined, await admin());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      organizationName: null,
      ...POLICY_DEFAULTS,
      guestSeatsUsed: 0,
      abilities: ['read', 'update', 'rename'],
    });
  });

  it('gives extranet administrators every policy but not the right to rename the organization', async () => {
    const settings = await getSettings(await extranetAdmin());
    expect(settings).toMatchObject(POLICY_DEFAULTS);
    expect(settings.abilities).toEqual(['read', 'update']);
  });

  it('gives employees and guests only the name, whether the extranet is on, and their abilities', async () => {
    const administrator = await admin();
    expect((await patch(administrator, { organizationName: 'Acme', extranetEnabled: true, guestSeatLimit: 7 })).statusCode).toBe(200);

    for (const user of [await makeEmployee(t.ctx), await makeGuest(t.ctx)]) {
      const response = await call(t.app, 'GET', '/api/v1/settings', undefined, await signedIn(user));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ organizationName: 'Acme', extranetEnabled: true, abilities: ['read'] });
    }
  });

  it('counts only active guest accounts as seats used', async () => {
    const administrator = await admin();
    await makeGuest(t.ctx);
    await makeGuest(t.ctx);
    const suspended = await makeGuest(t.ctx);
    await t.ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
    await makeEmployee(t.ctx);

    expect((await getSettings(administrator)).guestSeatsUsed).toBe(2);
  });

  it('falls back to the default for a stored value of the wrong shape', async () => {
    await t.ctx.db
      .insertInto('settings')
      .values([
        { key: 'guestSeatLimit', value: '"many"' },
        { key: 'workspaceCreators', value: '"everyone"' },
        { key: 'allowedGuestDomains', value: '[1, 2]' },
      ])
      .execute();
    expect(await getSettings(await admin())).toMatchObject({
      guestSeatLimit: 0,
      workspaceCreators: 'all_employees',
      allowedGuestDomains: [],
    });
  });
});

describe('changing the extranet policies', () => {
  const everything = {
    extranetEnabled: true,
    workspaceCreators: 'extranet_group',
    invitationApproval: true,
    allowedGuestDomains: ['partner.example'],
    blockedGuestDomains: ['mail.example'],
    guestSeatLimit: 25,
    inviterQuota: 5,
    guestDefaultAccessDays: 30,
    guestMaxAccessDays: 365,
    guestsSeeOwnOrganization: true,
    guestsSeeEmployeeEmails: true,
    invitationValidityDays: 7,
    suspendGuestsWithoutWorkspace: false,
  };

  it('lets an administrator change every policy, keeps it, hands it to the services and records only what changed', async () => {
    const administrator = await admin();
    const response = await patch(administrator, { ...everything, organizationName: '  Acme  ' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...everything, organizationName: 'Acme' });
    expect(await getSettings(administrator)).toMatchObject({ ...everything, organizationName: 'Acme' });
    expect(await readExtranetPolicy(t.ctx.db)).toEqual(everything);

    expect((await patch(administrator, { guestSeatLimit: 25, inviterQuota: 6 })).statusCode).toBe(200);
    expect(await settingsAudit()).toEqual([{ ...everything, organizationName: 'Acme' }, { inviterQuota: 6 }]);
  });

  it('switches the rules the authorization reads: the creation policy reaches /me at once', async () => {
    const employeeUser = await makeEmployee(t.ctx);
    const employee = await signedIn(employeeUser);
    const abilitiesOfMe = async () => (await call(t.app, 'GET', '/api/v1/me', undefined, employee)).json().abilities;
    expect(await abilitiesOfMe()).toContain('workspaces.create');

    expect((await patch(await extranetAdmin(), { workspaceCreators: 'extranet_group' })).statusCode).toBe(200);
    expect(await abilitiesOfMe()).not.toContain('workspaces.create');
  });

  it('lets an extranet administrator change the policies but not the organization name', async () => {
    const administrator = await admin();
    expect((await patch(administrator, { organizationName: 'Acme' })).statusCode).toBe(200);
    const extranet = await extranetAdmin();

    const rename = await patch(extranet, { organizationName: 'Hijacked Ltd', guestSeatLimit: 3 });
    expect(rename.statusCode).toBe(403);
    expect(await getSettings(administrator)).toMatchObject({ organizationName: 'Acme', guestSeatLimit: 0 });

    // Sending the name unchanged (a whole form) is not an attempt to change it.
    const policies = await patch(extranet, { organizationName: 'Acme', guestSeatLimit: 3 });
    expect(policies.statusCode).toBe(200);
    expect(policies.json()).toMatchObject({ organizationName: 'Acme', guestSeatLimit: 3 });
  });

  it('answers 403 to employees and guests and changes nothing', async () => {
    const administrator = await admin();
    expect((await patch(administrator, { extranetEnabled: true })).statusCode).toBe(200);
    const people = [await makeEmployee(t.ctx), await makeGuest(t.ctx)];
    const before = await getSettings(administrator);

    for (const user of people) {
      const caller = await signedIn(user);
      for (const body of [{ guestSeatLimit: 1 }, { allowedGuestDomains: ['evil.example'] }, { extranetEnabled: false }]) {
        const response = await patch(caller, body);
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
    expect(await getSettings(administrator)).toEqual(before);
    expect(await settingsAudit()).toHaveLength(1);
  });
});

describe('validating the policies', () => {
  it('lower-cases, trims and deduplicates domains, and stores international names in their ASCII form', async () => {
    const response = await patch(await admin(), {
      allowedGuestDomains: ['  Partner.EXAMPLE ', 'partner.example', 'Sub.Supplier.Example', 'bücher.example'],
      blockedGuestDomains: ['MAIL.example'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      allowedGuestDomains: ['partner.example', 'sub.supplier.example', 'xn--bcher-kva.example'],
      blockedGuestDomains: ['mail.example'],
    });
  });

  it('refuses a malformed domain with 400 naming the list, and changes nothing', async () => {
    const administrator = await admin();
    for (const bad of ['not a domain', 'localhost', 'acme..com', '-acme.com', 'acme.com/path', 'user@acme.com', '10.0.0.1', '']) {
      const response = await patch(administrator, { allowedGuestDomains: ['good.example', bad], guestSeatLimit: 9 });
      expect(response.statusCode, bad).toBe(400);
      expect(errorPaths(response), bad).toEqual(['/allowedGuestDomains']);
    }
    const blocked = await patch(administrator, { blockedGuestDomains: ['exa mple.com'] });
    expect(errorPaths(blocked)).toEqual(['/blockedGuestDomains']);
    expect(await getSettings(administrator)).toMatchObject({ allowedGuestDomains: [], blockedGuestDomains: [], guestSeatLimit: 0 });
  });

  it('refuses more domains than the limit', async () => {
    const domains = Array.from({ length: 101 }, (_, i) => `d${i}.example`);
    const response = await patch(await admin(), { allowedGuestDomains: domains });
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['/allowedGuestDomains']);
  });

  it('refuses numbers out of range and unknown creators with 400 naming the field', async () => {
    const administrator = await admin();
    const cases: [Record<string, unknown>, string][] = [
      [{ guestSeatLimit: -1 }, '/guestSeatLimit'],
      [{ guestSeatLimit: 2.5 }, '/guestSeatLimit'],
      [{ inviterQuota: 10_000_000 }, '/inviterQuota'],
      [{ guestDefaultAccessDays: -3 }, '/guestDefaultAccessDays'],
      [{ guestMaxAccessDays: 100_000 }, '/guestMaxAccessDays'],
      [{ invitationValidityDays: 0 }, '/invitationValidityDays'],
      [{ invitationValidityDays: 91 }, '/invitationValidityDays'],
      [{ workspaceCreators: 'everyone' }, '/workspaceCreators'],
      [{ extranetEnabled: 'perhaps' }, '/extranetEnabled'],
    ];
    for (const [body, path] of cases) {
      const response = await patch(administrator, body);
      expect(response.statusCode, path).toBe(400);
      expect(errorPaths(response), path).toContain(path);
    }
    expect(await getSettings(administrator)).toMatchObject(POLICY_DEFAULTS);
  });

  it('refuses a proposed access longer than the maximum, naming the field being changed', async () => {
    const administrator = await admin();
    const both = await patch(administrator, { guestDefaultAccessDays: 90, guestMaxAccessDays: 30 });
    expect(both.statusCode).toBe(400);
    expect(errorPaths(both)).toEqual(['/guestDefaultAccessDays']);

    expect((await patch(administrator, { guestDefaultAccessDays: 60 })).statusCode).toBe(200);
    const maximum = await patch(administrator, { guestMaxAccessDays: 30 });
    expect(maximum.statusCode).toBe(400);
    expect(errorPaths(maximum)).toEqual(['/guestMaxAccessDays']);
    expect((await patch(administrator, { guestMaxAccessDays: 60 })).statusCode).toBe(200);
  });
});

describe('the settings in the API contract', () => {
  let shared: TestApp;
  beforeAll(async () => {
    shared = await startTestApp();
  });
  afterAll(async () => {
    await shared.close();
  });

  it('documents every policy field in the OpenAPI document', async () => {
    const document = (await call(shared.app, 'GET', '/api/v1/openapi.json')).json();
    const body = document.paths['/api/v1/settings'].patch.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties).sort()).toEqual(['organizationName', ...Object.keys(POLICY_DEFAULTS)].sort());
  });
});
