import type { InvitationStatus } from '../../lib/api-types';

export const invitationStatusLabels: Record<InvitationStatus, string> = {
  awaiting_approval: 'Awaiting approval',
  sent: 'Sent',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
  rejected: 'Rejected',
};

/** Badge colour per status: waiting is neutral, done is green, anything that ended is red. */
export const invitationStatusTone: Record<InvitationStatus, 'pending' | 'active' | 'suspended'> = {
  awaiting_approval: 'pending',
  sent: 'pending',
  accepted: 'active',
  expired: 'suspended',
  revoked: 'suspended',
  rejected: 'suspended',
};
