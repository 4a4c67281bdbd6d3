// Row types of every table, kept in one place; test/db/schema-matches-migrations.test.ts checks them
// against the migrated database. Timestamps are ISO-8601 UTC strings on both engines.
import type { UserKind, UserRole, UserStatus } from '../../shared/accounts.js';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  kind: UserKind;
  role: UserRole;
  status: UserStatus;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthFailuresTable {
  id: string;
  key: string;
  occurred_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditEventsTable {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  auth_failures: AuthFailuresTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
}

type ColumnList<T> = readonly (keyof T & string)[];
/** Fails to compile unless the list names every column of T: keeps COLUMNS honest. */
type Exhaustive<T, L extends ColumnList<T>> = Exclude<keyof T, L[number]> extends never ? L : never;
const columns =
  <T>() =>
  <const L extends ColumnList<T>>(list: Exhaustive<T, L>) =>
    list;

/**
 * Every table's columns at run time, derived from the row types above; the schema test compares
 * them with the migrated database on both engines.
 */
export const COLUMNS = {
  users: columns<UsersTable>()([
    'id',
    'email',
    'name',
    'kind',
    'role',
    'status',
    'password_hash',
    'created_at',
    'updated_at',
    'last_sign_in_at',
  ]),
  sessions: columns<SessionsTable>()(['id_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent']),
  api_tokens: columns<ApiTokensTable>()(['id', 'user_id', 'name', 'token_hash', 'created_at', 'last_used_at']),
  password_resets: columns<PasswordResetsTable>()(['id', 'user_id', 'token_hash', 'created_at', 'expires_at', 'used_at']),
  auth_failures: columns<AuthFailuresTable>()(['id', 'key', 'occurred_at']),
  settings: columns<SettingsTable>()(['key', 'value']),
  audit_events: columns<AuditEventsTable>()(['id', 'occurred_at', 'actor_id', 'action', 'target_type', 'target_id', 'ip', 'details']),
} satisfies { [T in keyof DB]: ColumnList<DB[T]> };
