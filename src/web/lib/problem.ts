import { tooManyAttemptsMessage } from './retry-after';

// Turns an HTTP error answer (RFC 9457 problem document, or anything else a proxy may send)
// into one value the forms can show: a form-level message plus messages per field.

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  status: number;
  /** The problem type URI; "about:blank" for plain HTTP errors, null when no document came back. */
  type: string | null;
  title: string;
  detail: string | null;
  errors: FieldProblem[];
  /** Seconds from Retry-After, when the server sent one we could read. */
  retryAfterSeconds: number | null;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function readFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  const result: FieldProblem[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const message = asString(record.message);
    if (message === null) continue;
    result.push({ path: typeof record.path === 'string' ? record.path : '', message });
  }
  return result;
}

export function fallbackTitle(status: number): string {
  if (status === 0) return 'Foyer could not be reached. Check your connection and try again.';
  if (status === 404) return 'This item was not found.';
  if (status === 413) return 'This is too large to send.';
  if (status >= 500) return `Something went wrong on the server (error ${status}). Try again in a moment.`;
  return `The request could not be completed (error ${status}).`;
}

/** Builds a Problem from a status, a parsed body (or null) and a Retry-After header value. */
export function parseProblem(status: number, body: unknown, retryAfter: number | null = null): Problem {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    status,
    type: asString(record.type),
    title: asString(record.title) ?? fallbackTitle(status),
    detail: asString(record.detail),
    errors: readFieldProblems(record.errors),
    retryAfterSeconds: retryAfter,
  };
}

/**
 * "/email" → "email"; "/items/0/name" → "items.0.name". JSON Pointer escapes (~1, ~0) are
 * undone so a field name with a slash still matches.
 */
export function pointerToField(pointer: string): string {
  if (pointer === '' || pointer === '/') return '';
  const parts = pointer.replace(/^\//, '').split('/');
  return parts.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

/**
 * The server refuses guests with this type while the extranet is switched off; its detail is
 * the message meant for them.
 */
export function isExtranetClosed(problem: Problem): boolean {
  return problem.status === 403 && (problem.type?.endsWith('extranet-closed') ?? false);
}

export const checkFieldsMessage = 'Some fields need your attention.';

export interface FormErrors {
  /** Messages for the whole form, shown in one alert above it. */
  form: string[];
  /** First message per field name. */
  fields: Record<string, string>;
}

/** The one sentence shown above a form or in a banner for this problem. */
export function problemSummary(problem: Problem): string {
  if (problem.status === 429) return tooManyAttemptsMessage(problem.retryAfterSeconds);
  return problem.detail ?? problem.title;
}

/**
 * Splits a problem into what the form shows at the top and beside each field. Errors on
 * fields the form does not have (for example a link token) go to the top so none is lost;
 * they replace the summary, which for validation problems is only a generic sentence.
 */
export function problemToFormErrors(problem: Problem, knownFields: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const error of problem.errors) {
    const field = pointerToField(error.path);
    if (knownFields.includes(field)) {
      if (!(field in fields)) fields[field] = error.message;
    } else if (!unplaced.includes(error.message)) {
      unplaced.push(error.message);
    }
  }
  if (unplaced.length > 0) return { form: unplaced, fields };
  // The server's detail for a validation problem is generic; point at the fields instead.
  if (Object.keys(fields).length > 0) return { form: [checkFieldsMessage], fields };
  return { form: [problemSummary(problem)], fields };
}
