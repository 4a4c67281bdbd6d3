import type { AuditEntry } from './audit.presenter.js';

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): such a cell
 * gets a leading single quote, so it shows as the text it is and never runs.
 */
// Also behind leading blanks (some imports trim them) and in full-width forms (some spreadsheets read those as formulas).
const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** One cell: neutralised if it could start a formula, then quoted as RFC 4180 asks when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ended by CRLF (RFC 4180). */
export const csvRow = (cells: ReadonlyArray<string | number | null | undefined>): string => `${cells.map(csvCell).join(',')}\r\n`;

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'id',
  'occurredAt',
  'actorId',
  'actorName',
  'actorEmail',
  'action',
  'targetType',
  'targetId',
  'workspaceId',
  'workspaceName',
  'ip',
  'details',
  'hash',
  'prevHash',
] as const;

export const auditCsvHeader = (): string => csvRow(AUDIT_CSV_COLUMNS);

/** An entry as a CSV record, in the order of AUDIT_CSV_COLUMNS; the details are one JSON cell. */
export function auditCsvRow(e: AuditEntry): string {
  return csvRow([
    e.seq,
    e.id,
    e.occurredAt,
    e.actor?.id,
    e.actor?.name,
    e.actor?.email,
    e.action,
    e.target?.type,
    e.target?.id,
    e.workspace?.id,
    e.workspace?.name,
    e.ip,
    JSON.stringify(e.details),
    e.hash,
    e.prevHash,
  ]);
}
