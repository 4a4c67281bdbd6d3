import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../http/problems.js';
import { parseTarget, type Resolved, resolveTarget, TargetRefused, type WebhookTarget } from './webhook-address.js';
import { isAllowedHost } from './webhooks.repo.js';

export interface CheckedTarget {
  target: WebhookTarget;
  addresses: Resolved[];
}

/** Parses, resolves and checks a target against the allowed hosts; throws TargetRefused. */
export async function checkTarget(db: Kysely<DB>, raw: string): Promise<CheckedTarget> {
  const target = parseTarget(raw);
  const addresses = await resolveTarget(target, await isAllowedHost(db, target.host));
  return { target, addresses };
}

/** The same check when a webhook is saved: a refusal is a 400 naming the field. */
export async function assertTarget(db: Kysely<DB>, raw: string, path = '/url'): Promise<WebhookTarget> {
  try {
    return (await checkTarget(db, raw)).target;
  } catch (error) {
    if (error instanceof TargetRefused) throw invalid(path, error.message);
    throw error;
  }
}

/** What the audit log keeps of a target: where it goes, not the path or query that may hold a token. */
export function destinationOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
