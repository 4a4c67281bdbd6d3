import type { Actor } from './actor.js';

/**
 * A policy answers two pure, synchronous questions about one kind of resource:
 * may the actor know the target exists (`see`), and may it perform `action` on it (`can`).
 */
export interface Policy<Target, Action extends string> {
  actions: readonly Action[];
  see(actor: Actor, target: Target): boolean;
  can(actor: Actor, action: Action, target: Target): boolean;
}
