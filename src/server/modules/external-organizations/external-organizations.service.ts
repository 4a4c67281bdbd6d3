import type { Kysely } from 'kysely';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import { serialize } from '../../db/locks.js';
import type { DB } from '../../db/schema.js';
import { HttpProblem, notFound } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import { domainAndParents, domainOfEmail, normalizeDomainList } from './domain-names.js';
import { presentExternalOrganization } from './external-organizations.presenter.js';
import {
  deleteOrganization,
  domainsOf,
  type ExternalOrganizationRow,
  findDomainOwnedElsewhere,
  findNameTaken,
  findOrganization,
  findOrganizationRef,
  insertOrganization,
  listOrganizations,
  organizationsByDomain,
  renameOrganization,
  replaceDomains,
  touchOrganization,
} from './external-organizations.repo.js';

export interface OrganizationRef {
  id: string;
  name: string;
}

const nameTaken = () =>
  new HttpProblem(409, 'Conflict', 'Another external organization already has this name.', [
    { path: '/name', message: 'Another external organization already has this name.' },
  ]);

const domainTaken = (domain: string, owner?: string) => {
  const message = owner
    ? `The domain ${domain} already belongs to ${owner}.`
    : `The domain ${domain} already belongs to another external organization.`;
  return new HttpProblem(409, 'Conflict', message, [{ path: '/domains', message }]);
};

/** The organization whose domain is the e-mail's domain or its closest parent; null when none matches. */
export async function organizationForEmail(db: Kysely<DB>, email: string): Promise<OrganizationRef | null> {
  const domain = domainOfEmail(email);
  if (!domain) return null;
  const matches = await organizationsByDomain(db, domainAndParents(domain));
  const closest = matches.sort((a, b) => b.domain.length - a.domain.length)[0];
  return closest ? { id: closest.id, name: closest.name } : null;
}

/** For services that link something to an organization by id (people, invitations). */
export async function findExternalOrganization(db: Kysely<DB>, id: string): Promise<OrganizationRef | undefined> {
  return findOrganizationRef(db, id);
}

async function present(db: Kysely<DB>, actor: Actor, row: ExternalOrganizationRow) {
  const domains = (await domainsOf(db, [row.id])).get(row.id) ?? [];
  return presentExternalOrganization(actor, row, domains);
}

async function load(db: Kysely<DB>, id: string): Promise<ExternalOrganizationRow> {
  const row = await findOrganization(db, id);
  if (!row) throw notFound();
  return row;
}

export async function listExternalOrganizations(ctx: AppContext, actor: Actor) {
  authorize(actor, 'organization', 'read_catalog', null);
  const rows = await listOrganizations(ctx.db);
  const domains = await domainsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => presentExternalOrganization(actor, row, domains.get(row.id) ?? [])), nextCursor: null };
}

export async function getExternalOrganization(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'organization', 'read_catalog', null);
  return present(ctx.db, actor, await load(ctx.db, id));
}

/** Domains are claimed before writing so the answer names the one in the way; the key catches a race. */
async function claimDomains(db: Kysely<DB>, id: string, domains: readonly string[]): Promise<void> {
  const owned = await findDomainOwnedElsewhere(db, domains, id);
  if (owned) throw domainTaken(owned.domain, owned.organizationName);
  try {
    await replaceDomains(db, id, domains);
  } catch (error) {
    if (isUniqueViolation(error)) throw domainTaken(domains.join(', '));
    throw error;
  }
}

export interface NewExternalOrganization {
  name: string;
  domains?: string[];
}

export async function createExternalOrganization(ctx: AppContext, actor: Actor, input: NewExternalOrganization, meta: RequestMeta) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'manage_extranet', null);
  const name = input.name.trim();
  const domains = normalizeDomainList(input.domains ?? [], '/domains');
  const id = newId();
  const row = await ctx.db.transaction().execute(async (trx) => {
    await serialize(trx, 'organization-names');
    if (await findNameTaken(trx, name)) throw nameTaken();
    const now = new Date().toISOString();
    await insertOrganization(trx, { id, name, created_at: now, updated_at: now });
    await claimDomains(trx, id, domains);
    await record(trx, {
      actorId: caller.id,
      action: 'external_organization.created',
      target: { type: 'external_organization', id },
      ip: meta.ip,
      details: { name, domains },
    });
    return load(trx, id);
  });
  return present(ctx.db, actor, row);
}

export interface ExternalOrganizationChange {
  name?: string;
  domains?: string[];
}

export async function updateExternalOrganization(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: ExternalOrganizationChange,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'read_catalog', null);
  await load(ctx.db, id);
  authorize(actor, 'organization', 'manage_extranet', null);
  const name = change.name?.trim();
  const domains = change.domains ? normalizeDomainList(change.domains, '/domains') : undefined;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    const beforeDomains = (await domainsOf(trx, [id])).get(id) ?? [];
    const details: Record<string, unknown> = {};
    const now = new Date().toISOString();
    if (name !== undefined && name !== before.name) {
      await serialize(trx, 'organization-names');
      if (await findNameTaken(trx, name, id)) throw nameTaken();
      await renameOrganization(trx, id, name, now);
      details.name = { from: before.name, to: name };
    }
    if (domains && JSON.stringify([...domains].sort()) !== JSON.stringify(beforeDomains)) {
      await claimDomains(trx, id, domains);
      await touchOrganization(trx, id, now);
      details.domains = { from: beforeDomains, to: domains };
    }
    if (Object.keys(details).length > 0) {
      await record(trx, {
        actorId: caller.id,
        action: 'external_organization.updated',
        target: { type: 'external_organization', id },
        ip: meta.ip,
        details,
      });
    }
    return load(trx, id);
  });
  return present(ctx.db, actor, row);
}

export async function deleteExternalOrganization(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta): Promise<void> {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'read_catalog', null);
  await load(ctx.db, id);
  authorize(actor, 'organization', 'manage_extranet', null);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    const domains = (await domainsOf(trx, [id])).get(id) ?? [];
    await deleteOrganization(trx, id);
    await record(trx, {
      actorId: caller.id,
      action: 'external_organization.deleted',
      target: { type: 'external_organization', id },
      ip: meta.ip,
      details: { name: row.name, domains, guestCount: row.guest_count },
    });
  });
}
