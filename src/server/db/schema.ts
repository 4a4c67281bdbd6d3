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
