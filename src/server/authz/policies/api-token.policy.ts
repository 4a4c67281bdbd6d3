import type { Policy } from '../policy.js';

export interface ApiTokenTarget {
  userId: string;
}

export const API_TOKEN_ACTIONS = ['read', 'revoke'] as const;
export type ApiTokenAction = (typeof API_TOKEN_ACTIONS)[number];

/** Personal tokens belong to their owner alone; not even administrators see them. */
export const apiTokenPolicy: Policy<ApiTokenTarget, ApiTokenAction> = {
  actions: API_TOKEN_ACTIONS,
  see: (actor, target) => actor.type === 'user' && actor.id === target.userId,
  can: (actor, _action, target) => actor.type === 'user' && actor.id === target.userId,
};
