import { record } from '../../audit/record.js';
import type { Actor } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import { HttpProblem, invalid, notFound } from '../../http/problems.js';
import { normalizeHost } from './webhook-address.js';
import { presentAllowedHost } from './webhooks.presenter.js';
import { listAllowedHostRows } from './webhooks.repo.js';
import { authorizeWebhooks } from './webhooks.service.js';

// Hosts on private, loopback or link-local addresses that webhooks may reach all the same (a
// receiver inside the company network). Allowed by exact name: a subdomain is another host.

const alreadyAllowed = () =>
  new HttpProblem(409, 'Conflict', 'This host is already allowed.', [{ path: '/host', message: 'is already allowed' }]);

export async function listAllowedHosts(ctx: AppContext, actor: Actor) {
  authorizeWebhooks(actor);
  return { items: (await listAllowedHostRows(ctx.db)).map(presentAllowedHost), nextCursor: null };
}

async function present(ctx: AppContext, host: string) {
  const row = (await listAllowedHostRows(ctx.db)).find((r) => r.host === host);
  if (!row) throw new Error(`allowed host ${host} vanished inside its own use case`);
  return presentAllowedHost(row);
}

export async function addAllowedHost(ctx: AppContext, actor: Actor, raw: string, meta: RequestMeta) {
  const caller = authorizeWebhooks(actor);
  const host = normalizeHost(raw);
  if (!host) throw invalid('/host', 'must be a host name or an IP address, without scheme, port or path');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('webhook_allowed_hosts').select('host').where('host', '=', host).executeTakeFirst();
      if (taken) throw alreadyAllowed();
      await trx.insertInto('webhook_allowed_hosts').values({ host, created_by: caller.id, created_at: new Date().toISOString() }).execute();
      await record(trx, {
        actorId: caller.id,
        action: 'webhook.allowed_host_added',
        target: { type: 'webhook_allowed_host', id: host },
        ip: meta.ip,
        details: { host },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyAllowed();
    throw error;
  }
  return present(ctx, host);
}

/** Webhooks aimed at the host stay; their deliveries are refused until it is allowed again. */
export async function removeAllowedHost(ctx: AppContext, actor: Actor, raw: string, meta: RequestMeta): Promise<void> {
  const caller = authorizeWebhooks(actor);
  const host = normalizeHost(raw);
  if (!host) throw notFound();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('webhook_allowed_hosts').where('host', '=', host).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw notFound();
    await record(trx, {
      actorId: caller.id,
      action: 'webhook.allowed_host_removed',
      target: { type: 'webhook_allowed_host', id: host },
      ip: meta.ip,
      details: { host },
    });
  });
}
