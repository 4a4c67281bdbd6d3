import { describe, expect, it } from 'vitest';
import type { ExtranetPolicies } from '../../lib/api-types';
import { changedPolicies, parseCount } from './policies';

const defaults: ExtranetPolicies = {
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

describe('parseCount', () => {
  it('reads whole numbers', () => {
    expect(parseCount(' 25 ')).toBe(25);
    expect(parseCount('0')).toBe(0);
  });

  it('refuses anything else', () => {
    expect(parseCount('')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('0', 1)).toBeNull();
  });
});

describe('changedPolicies', () => {
  it('is empty when nothing changed', () => {
    expect(changedPolicies({ ...defaults, allowedGuestDomains: [] }, defaults)).toEqual({});
  });

  it('names only the changed fields, lists compared by content', () => {
    const next = { ...defaults, guestSeatLimit: 10, blockedGuestDomains: ['spam.example'] };
    expect(changedPolicies(next, { ...defaults, allowedGuestDomains: [] })).toEqual({
      guestSeatLimit: 10,
      blockedGuestDomains: ['spam.example'],
    });
  });
});
