import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { emailMatchesDomains } from '../../src/server/modules/external-organizations/domain-names.js';
import { organizationForEmail } from '../../src/server/modules/external-organizations/external-organizations.service.js';
import { makeAdmin, makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signedIn(await makeAdmin(t.ctx));
  expect((await call(t.app, 'PATCH', '/api/v1/settings', { extranetEnabled: true }, admin)).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
});

interface Organization {
  id: string;
  name: string;
  domains: string[];
  guestCount: number;
  abilities: string[];
}

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const errorPaths = (response: LightMyRequestResponse) => (response.json().errors as { path: string }[]).map((e) => e.path);
const URL = '/api/v1/external-organizations';

async function signedIn(user: { email: string; password: string }): Promise<Caller> {
  return { cookie: await signIn(t.app, user.email, user.password) };
}

async function create(name: string, domains: string[], caller: Caller = admin): Promise<Organization> {
  const response = await call(t.app, 'POST', URL, { name, domains }, caller);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function organizations(caller: Caller): Promise<Organization[]> {
  const response = await call(t.app, 'GET', URL, undefined, caller);
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

async function joinOrganization(userId: string, organizationId: string): Promise<void> {
  await t.ctx.db.updateTable('users').set({ external_organization_id: organizationId }).where('id', '=', userId).execute();
}

describe('the external organization catalog', () => {
  it('creates an organization with normalised, deduplicated domains and records it', async () => {
    const k = tag();
    const created = await create(`  Northwind ${k} `, [` Northwind-${k}.EXAMPLE`, `northwind-${k}.example`, `eu.northwind-${k}.example`]);
    expect(created).toMatchObject({
      name: `Northwind ${k}`,
      domains: [`eu.northwind-${k}.example`, `northwind-${k}.example`],
      guestCount: 0,
      abilities: ['read', 'update', 'delete'],
    });
    const read = await call(t.app, 'GET', `${URL}/${created.id}`, undefined, admin);
    expect(read.json()).toEqual(created);
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('target_id', '=', created.id).execute();
    expect(audit.map((r) => r.action)).toEqual(['external_organization.created']);
  });

  it('lists organizations by name with their active guests counted', async () => {
    const k = tag();
    const beta = await create(`beta ${k}`, []);
    const alpha = await create(`Alpha ${k}`, []);
    const active = await makeGuest(t.ctx);
    const suspended = await makeGuest(t.ctx);
    await joinOrganization(active.id, alpha.id);
    await joinOrganization(suspended.id, alpha.id);
    await t.ctx.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();

    const mine = (await organizations(admin)).filter((o) => o.name.endsWith(k));
    expect(mine.map((o) => [o.id, o.guestCount])).toEqual([
      [alpha.id, 1],
      [beta.id, 0],
    ]);
  });

  it('lets employees read, but not change, the catalog; refuses it to guests', async () => {
    const organization = await create(`Readable ${tag()}`, []);
    const employee = await signedIn(await makeEmployee(t.ctx));
    expect((await organizations(employee)).find((o) => o.id === organization.id)?.abilities).toEqual(['read']);
    expect((await call(t.app, 'GET', `${URL}/${organization.id}`, undefined, employee)).statusCode).toBe(200);
    expect((await call(t.app, 'POST', URL, { name: `Sneaky ${tag()}`, domains: [] }, employee)).statusCode).toBe(403);
    expect((await call(t.app, 'PATCH', `${URL}/${organization.id}`, { name: 'Renamed' }, employee)).statusCode).toBe(403);
    expect((await call(t.app, 'DELETE', `${URL}/${organization.id}`, undefined, employee)).statusCode).toBe(403);

    const guest = await signedIn(await makeGuest(t.ctx));
    expect((await call(t.app, 'GET', URL, undefined, guest)).statusCode).toBe(403);
    expect((await call(t.app, 'GET', `${URL}/${organization.id}`, undefined, guest)).statusCode).toBe(403);
  });

  it('lets an extranet administrator manage organizations', async () => {
    const extranet = await signedIn(await makeEmployee(t.ctx, { role: 'extranet_admin' }));
    const k = tag();
    const organization = await create(`Managed ${k}`, [`managed-${k}.example`], extranet);
    const changed = await call(t.app, 'PATCH', `${URL}/${organization.id}`, { domains: [`other-${k}.example`] }, extranet);
    expect(changed.json().domains).toEqual([`other-${k}.example`]);
    expect((await call(t.app, 'DELETE', `${URL}/${organization.id}`, undefined, extranet)).statusCode).toBe(204);
  });

  it('answers 404 for an unknown organization', async () => {
    const id = newId();
    expect((await call(t.app, 'GET', `${URL}/${id}`, undefined, admin)).statusCode).toBe(404);
    expect((await call(t.app, 'PATCH', `${URL}/${id}`, { name: 'Nothing' }, admin)).statusCode).toBe(404);
    expect((await call(t.app, 'DELETE', `${URL}/${id}`, undefined, admin)).statusCode).toBe(404);
  });
});

describe('names and domains', () => {
  it('refuses a domain another organization owns with 409 naming it, and writes nothing', async () => {
    const k = tag();
    const owner = await create(`Owner ${k}`, [`shared-${k}.example`]);
    const second = await call(t.app, 'POST', URL, { name: `Second ${k}`, domains: [`free-${k}.example`, `SHARED-${k}.example`] }, admin);
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain(`shared-${k}.example`);
    expect(second.json().detail).toContain(owner.name);
    expect(errorPaths(second)).toEqual(['/domains']);
    expect((await organizations(admin)).map((o) => o.name)).not.toContain(`Second ${k}`);

    const other = await create(`Other ${k}`, [`other-${k}.example`]);
    const grab = await call(t.app, 'PATCH', `${URL}/${other.id}`, { domains: [`shared-${k}.example`] }, admin);
    expect(grab.statusCode).toBe(409);
    expect((await call(t.app, 'GET', `${URL}/${other.id}`, undefined, admin)).json().domains).toEqual([`other-${k}.example`]);
  });

  it('refuses an invalid domain with 400 naming /domains', async () => {
    for (const bad of ['not a domain', 'localhost', 'acme.com:80']) {
      const response = await call(t.app, 'POST', URL, { name: `Bad ${tag()}`, domains: [bad] }, admin);
      expect(response.statusCode, bad).toBe(400);
      expect(errorPaths(response)).toEqual(['/domains']);
    }
  });

  it('refuses a second organization with the same name in another case with 409', async () => {
    const k = tag();
    const first = await create(`Contoso ${k}`, []);
    expect((await call(t.app, 'POST', URL, { name: `CONTOSO ${k}`, domains: [] }, admin)).statusCode).toBe(409);
    const other = await create(`Fabrikam ${k}`, []);
    const rename = await call(t.app, 'PATCH', `${URL}/${other.id}`, { name: `contoso ${k}` }, admin);
    expect(rename.statusCode).toBe(409);
    expect(errorPaths(rename)).toEqual(['/name']);
    expect((await call(t.app, 'PATCH', `${URL}/${first.id}`, { name: `CONTOSO ${k}` }, admin)).json().name).toBe(`CONTOSO ${k}`);
  });

  it('renames and replaces domains, recording both', async () => {
    const k = tag();
    const organization = await create(`Old ${k}`, [`old-${k}.example`]);
    const response = await call(t.app, 'PATCH', `${URL}/${organization.id}`, { name: `New ${k}`, domains: [`new-${k}.example`] }, admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: `New ${k}`, domains: [`new-${k}.example`] });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('target_id', '=', organization.id)
      .where('action', '=', 'external_organization.updated')
      .execute();
    expect(audit.map((r) => JSON.parse(r.details))).toEqual([
      { name: { from: `Old ${k}`, to: `New ${k}` }, domains: { from: [`old-${k}.example`], to: [`new-${k}.example`] } },
    ]);
    // The old domain is free again.
    await create(`Taker ${k}`, [`old-${k}.example`]);
  });

  it('deletes an organization: its guests keep their accounts without one, its domains become free', async () => {
    const k = tag();
    const organization = await create(`Gone ${k}`, [`gone-${k}.example`]);
    const guest = await makeGuest(t.ctx);
    await joinOrganization(guest.id, organization.id);
    expect((await call(t.app, 'DELETE', `${URL}/${organization.id}`, undefined, admin)).statusCode).toBe(204);

    const person = await call(t.app, 'GET', `/api/v1/users/${guest.id}`, undefined, admin);
    expect(person.json()).toMatchObject({ status: 'active', externalOrganization: null });
    await create(`Successor ${k}`, [`gone-${k}.example`]);
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('target_id', '=', organization.id).execute();
    expect(audit.map((r) => r.action)).toEqual(['external_organization.created', 'external_organization.deleted']);
  });
});

describe('finding the organization of an e-mail address', () => {
  it('matches the domain, its subdomains, and prefers the longest matching domain', async () => {
    const k = tag();
    const parent = await create(`Acme ${k}`, [`acme-${k}.example`]);
    const europe = await create(`Acme Europe ${k}`, [`eu.acme-${k}.example`]);

    expect(await organizationForEmail(t.ctx.db, `ann@acme-${k}.example`)).toEqual({ id: parent.id, name: parent.name });
    expect(await organizationForEmail(t.ctx.db, `bob@Sales.ACME-${k}.example`)).toEqual({ id: parent.id, name: parent.name });
    expect(await organizationForEmail(t.ctx.db, `cy@eu.acme-${k}.example`)).toEqual({ id: europe.id, name: europe.name });
    expect(await organizationForEmail(t.ctx.db, `di@paris.eu.acme-${k}.example`)).toEqual({ id: europe.id, name: europe.name });
  });

  it('does not match a lookalike domain, another top-level domain or a malformed address', async () => {
    const k = tag();
    await create(`Initech ${k}`, [`initech-${k}.example`]);
    expect(await organizationForEmail(t.ctx.db, `eve@notinitech-${k}.example`)).toBeNull();
    expect(await organizationForEmail(t.ctx.db, `eve@initech-${k}.example.evil.test`)).toBeNull();
    expect(await organizationForEmail(t.ctx.db, `eve@initech-${k}.org`)).toBeNull();
    expect(await organizationForEmail(t.ctx.db, 'no-at-sign')).toBeNull();
  });

  it('matches allowed and blocked domain lists the same way', () => {
    const domains = ['partner.example', 'xn--bcher-kva.example'];
    expect(emailMatchesDomains('a@partner.example', domains)).toBe(true);
    expect(emailMatchesDomains('a@deep.sub.partner.example', domains)).toBe(true);
    expect(emailMatchesDomains('a@bücher.example', domains)).toBe(true);
    expect(emailMatchesDomains('a@otherpartner.example', domains)).toBe(false);
    expect(emailMatchesDomains('a@partner.example.com', domains)).toBe(false);
    expect(emailMatchesDomains('a@example', domains)).toBe(false);
  });
});
