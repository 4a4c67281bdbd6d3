import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { conflict, invalid } from '../../http/problems.js';
import { emailMatchesDomains } from '../external-organizations/domain-names.js';
import { countActiveGuests, type ExtranetPolicy } from '../settings/settings.repo.js';
import { countSponsored } from './invitations.repo.js';

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** The domain policy: blocked domains never, and only allowed ones when the list is not empty. */
export function assertGuestDomain(policy: ExtranetPolicy, email: string, path = '/email'): void {
  const domain = domainOf(email);
  if (emailMatchesDomains(email, policy.blockedGuestDomains)) throw invalid(path, `guests from ${domain} are not allowed`);
  if (policy.allowedGuestDomains.length > 0 && !emailMatchesDomains(email, policy.allowedGuestDomains)) {
    throw invalid(path, `guests from ${domain} are not allowed; allowed domains: ${policy.allowedGuestDomains.join(', ')}`);
  }
}

/** A new guest account would take a seat: refused once the installation's limit is reached. */
export async function assertSeatAvailable(db: Kysely<DB>, policy: ExtranetPolicy): Promise<void> {
  if (policy.guestSeatLimit > 0 && (await countActiveGuests(db)) >= policy.guestSeatLimit) {
    throw conflict(`The guest seat limit (${policy.guestSeatLimit}) is reached. Ask an administrator to free or add seats.`);
  }
}

export async function assertQuota(db: Kysely<DB>, policy: ExtranetPolicy, inviterId: string, now: string): Promise<void> {
  if (policy.inviterQuota > 0 && (await countSponsored(db, inviterId, now)) >= policy.inviterQuota) {
    throw conflict(
      `You have reached your quota of ${policy.inviterQuota} guests (open invitations and active guests). Revoke an invitation or end a guest's access first.`,
    );
  }
}
