import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import { type Actor, isAdmin } from './actor.js';

/**
 * The directory rule as a query filter (the list form of `seesUser`); every query that lists
 * people uses it, so a list never shows someone the single-item read would hide.
 */
export function visibleUsers(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'users'>) => {
    if (actor.type !== 'user') return eb.or([]);
    if (isAdmin(actor)) return eb.and([]);
    if (actor.kind === 'employee') return eb.or([eb('users.status', '=', 'active'), eb('users.id', '=', actor.id)]);
    return eb.or([eb('users.id', '=', actor.id)]);
  };
}
