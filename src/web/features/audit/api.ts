import { api } from '../../lib/api-client';
import type { Page, User } from '../../lib/api-types';
import { type AuditFilters, auditListPath } from './query';

export const pageSize = 50;

/** One audit log entry as `GET /api/v1/audit` answers it (see docs/audit.md). */
export interface AuditEntry {
  seq: number;
  id: string;
  occurredAt: string;
  actor: { id: string; name: string; email?: string } | null;
  action: string;
  target: { type: string; id: string } | null;
  workspace: { id: string; name: string } | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export function listAudit(filters: AuditFilters, cursor: string | null, signal: AbortSignal): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>(auditListPath(filters, cursor, pageSize), { signal });
}

/** One person by id, to name the one the address filters by. */
export function getPerson(id: string, signal: AbortSignal): Promise<User> {
  return api.get<User>(`/api/v1/users/${encodeURIComponent(id)}`, { signal });
}

/** People the reader may see whose name or e-mail contains `q` (the directory rule applies). */
export async function searchPeople(q: string, signal: AbortSignal): Promise<User[]> {
  const path = `/api/v1/users?limit=20${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`;
  return (await api.get<Page<User>>(path, { signal })).items;
}
