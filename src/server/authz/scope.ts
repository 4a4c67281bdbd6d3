import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { type Actor, governsExtranet, isAdmin, type UserActor } from './actor.js';
import { auditReach } from './policies/organization.policy.js';

/** A membership that lets its holder in at this moment (the end date is checked in the query too). */
function activeMembership(eb: ExpressionBuilder<DB, 'memberships'>, now: string): Expression<SqlBool> {
  return eb.and([
    eb('memberships.status', '=', 'active'),
    eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now)]),
  ]);
}

/** The workspaces a person is an active member of at `now`. */
function memberOf(userId: string, now: string) {
  return (eb: ExpressionBuilder<DB, 'workspaces'>) =>
    eb(
      'workspaces.id',
      'in',
      eb
        .selectFrom('memberships')
        .select('memberships.workspace_id')
        .where('memberships.user_id', '=', userId)
        .where((m) => activeMembership(m, now)),
    );
}

/** Workspaces the caller may enter: every one for those who govern the extranet, else their memberships. */
export function visibleWorkspaces(actor: Actor, now = new Date().toISOString()) {
  return (eb: ExpressionBuilder<DB, 'workspaces'>) => {
    if (actor.type !== 'user') return eb.or([]);
    if (governsExtranet(actor)) return eb.and([]);
    return memberOf(actor.id, now)(eb);
  };
}

/** Workspaces whose members this guest may see: their own, where the workspace shows its members. */
function guestPeerIds(eb: ExpressionBuilder<DB, 'users'>, actor: UserActor, now: string) {
  const workspaceIds = [...actor.memberships.keys()];
  return eb
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select('memberships.user_id')
    .where('memberships.workspace_id', 'in', workspaceIds)
    .where('workspaces.guests_can_see_members', '=', 1)
    .where((m) => activeMembership(m as unknown as ExpressionBuilder<DB, 'memberships'>, now));
}

/**
 * The directory rule as a query filter; every query that lists or looks up people for someone uses
 * it, so no list, picker, e-mail or export shows a person the rule hides.
 */
export function visibleUsers(actor: Actor, now = new Date().toISOString()) {
  return (eb: ExpressionBuilder<DB, 'users'>) => {
    if (actor.type !== 'user') return eb.or([]);
    if (isAdmin(actor) || governsExtranet(actor)) return eb.and([]);
    const self = eb('users.id', '=', actor.id);
    if (actor.kind === 'employee') return eb.or([eb('users.status', '=', 'active'), self]);
    const seen: Expression<SqlBool>[] = [eb.and([eb('users.kind', '=', 'employee'), eb('users.visible_to_guests', '=', 1)])];
    if (actor.rules.guestsSeeOwnOrganization && actor.externalOrganizationId) {
      seen.push(eb.and([eb('users.kind', '=', 'guest'), eb('users.external_organization_id', '=', actor.externalOrganizationId)]));
    }
    if (actor.memberships.size > 0) seen.push(eb('users.id', 'in', guestPeerIds(eb, actor, now)));
    return eb.or([self, eb.and([eb('users.status', '=', 'active'), eb.or(seen)])]);
  };
}

/** `1` when the row passes the directory rule: lets one query return both seen and unknown people. */
export function inDirectory(actor: Actor, now = new Date().toISOString()) {
  return (eb: ExpressionBuilder<DB, 'users'>) =>
    eb.case().when(visibleUsers(actor, now)(eb)).then(sql<number>`1`).else(sql<number>`0`).end();
}

/** Workspace ids the caller may enter, from the actor's own memberships (null: every one). */
function enterableWorkspaceIds(actor: UserActor): string[] | null {
  return governsExtranet(actor) ? null : [...actor.memberships.keys()];
}

/**
 * Folders the caller may enter: in their workspaces, and for guests only shared ones they have some
 * access to. Internal folders never leave the database for a guest, by name, count or listing.
 */
export function visibleFolders(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'folders'>) => {
    if (actor.type !== 'user') return eb.or([]);
    const ids = enterableWorkspaceIds(actor);
    const inWorkspaces = ids === null ? eb.and([]) : eb('folders.workspace_id', 'in', ids.length > 0 ? ids : ['']);
    if (actor.kind === 'employee') return inWorkspaces;
    return eb.and([inWorkspaces, eb('folders.shared', '=', 1), eb('folders.effective_guest_access', '!=', 'none')]);
  };
}

/** Documents the caller may see, for queries that join `folders` on the document's folder: in a drop box a guest sees only their own. */
export function visibleDocuments(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'documents' | 'folders'>) => {
    if (actor.type !== 'user') return eb.or([]);
    const folders = visibleFolders(actor)(eb as unknown as ExpressionBuilder<DB, 'folders'>);
    if (actor.kind === 'employee') return folders;
    return eb.and([folders, eb.or([eb('folders.effective_guest_access', '!=', 'upload'), eb('documents.created_by', '=', actor.id)])]);
  };
}

/**
 * Versions of a document the caller may see: all for employees; for guests the current one and
 * those uploaded while guests could see into the folder.
 */
export function visibleVersions(actor: Actor, currentNumber: number) {
  return (eb: ExpressionBuilder<DB, 'document_versions'>) => {
    if (actor.type !== 'user') return eb.or([]);
    if (actor.kind === 'employee') return eb.and([]);
    return eb.or([eb('document_versions.shared_with_guests', '=', 1), eb('document_versions.number', '=', currentNumber)]);
  };
}

/** Workspace items with a shared/internal visibility, kept in tables of the same shape. */
type SharedItemTable = 'tasks' | 'notes' | 'activities';

/** Items the caller may see: in their workspaces, and for guests only shared ones. */
function visibleSharedItems<T extends SharedItemTable>(table: T) {
  return (actor: Actor) => (eb: ExpressionBuilder<DB, T>) => {
    if (actor.type !== 'user') return eb.or([]);
    const ids = enterableWorkspaceIds(actor);
    const inWorkspaces = ids === null ? eb.and([]) : eb(sql.ref<string>(`${table}.workspace_id`), 'in', ids.length > 0 ? ids : ['']);
    if (actor.kind === 'employee') return inWorkspaces;
    return eb.and([inWorkspaces, eb(sql.ref<string>(`${table}.visibility`), '=', 'shared')]);
  };
}

export const visibleTasks = visibleSharedItems('tasks');
export const visibleNotes = visibleSharedItems('notes');
export const visibleActivities = visibleSharedItems('activities');

/** The audit entries the caller reads (`auditReach`): the one filter of every audit log query. */
export function visibleAuditEvents(actor: Actor) {
  const reach = auditReach(actor);
  return (eb: ExpressionBuilder<DB, 'audit_events'>) => {
    if (reach === null) return eb.or([]);
    if (reach.kind === 'everything') return eb.and([]);
    if (reach.ids === 'all') return eb('audit_events.workspace_id', 'is not', null);
    return eb('audit_events.workspace_id', 'in', [...reach.ids]);
  };
}

/**
 * Comments of an item the caller sees: for guests only those written while they could see it (a
 * comment from an internal period stays internal, like a note's versions).
 */
export function visibleComments(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'comments'>) =>
    actor.type === 'user' && actor.kind === 'employee' ? eb.and([]) : eb('comments.shared_with_guests', '=', 1);
}

/** Audit events a reader of a workspace's activity stream may be told of: guests never those about internal items. */
export function streamableEvents(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'audit_events'>) =>
    actor.type === 'user' && actor.kind === 'employee' ? eb.and([]) : eb('audit_events.internal', '=', 0);
}

/**
 * A person's own notifications, less those about a workspace they can no longer enter (an
 * invitation is about a workspace they have not entered yet, so it stays).
 */
export function visibleNotifications(actor: Actor, now = new Date().toISOString()) {
  return (eb: ExpressionBuilder<DB, 'notifications'>) => {
    if (actor.type !== 'user') return eb.or([]);
    const reach = governsExtranet(actor)
      ? []
      : [
          eb.or([
            eb('notifications.workspace_id', 'is', null),
            eb('notifications.kind', '=', 'invited'),
            eb(
              'notifications.workspace_id',
              'in',
              eb
                .selectFrom('memberships')
                .select('memberships.workspace_id')
                .where('memberships.user_id', '=', actor.id)
                .where((m) => activeMembership(m, now)),
            ),
          ]),
        ];
    return eb.and([eb('notifications.user_id', '=', actor.id), ...reach]);
  };
}
