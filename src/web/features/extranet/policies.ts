import type { ExtranetPolicies } from '../../lib/api-types';
import { sameList } from '../../lib/lines';

export type CountPolicy = 'guestSeatLimit' | 'inviterQuota' | 'guestDefaultAccessDays' | 'guestMaxAccessDays' | 'invitationValidityDays';

export type FlagPolicy = 'invitationApproval' | 'guestsSeeOwnOrganization' | 'guestsSeeEmployeeEmails' | 'suspendGuestsWithoutWorkspace';

/** A whole number of at least `min`, or null when the text is not one. */
export function parseCount(text: string, min = 0): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= min ? value : null;
}

/** Only the policies that differ from what the server has, so a save never overwrites someone else's change to another field. */
export function changedPolicies(next: ExtranetPolicies, current: Partial<ExtranetPolicies>): Partial<ExtranetPolicies> {
  const change: Partial<ExtranetPolicies> = {};
  for (const key of Object.keys(next) as Array<keyof ExtranetPolicies>) {
    const value = next[key];
    const before = current[key];
    const same = Array.isArray(value) && Array.isArray(before) ? sameList(value, before) : value === before;
    if (!same) Object.assign(change, { [key]: value });
  }
  return change;
}
