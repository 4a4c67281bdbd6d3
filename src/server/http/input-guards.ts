import type { FastifyInstance } from 'fastify';
import { invalid } from './problems.js';

/** Deeper than any body the API accepts; a deeper one is refused before anything walks it further. */
export const MAX_INPUT_DEPTH = 32;

type Problem = { path: string; message: string };

/**
 * Walks a request part without recursion (a hostile body nested thousands deep must not exhaust
 * the stack) and reports the first value `check` refuses, with its JSON-pointer-like path.
 */
function firstProblem(root: unknown, rootPath: string, check: (value: unknown) => string | null): Problem | null {
  const pending: Array<[unknown, string, number]> = [[root, rootPath, 0]];
  while (pending.length > 0) {
    const [value, path, depth] = pending.pop() as [unknown, string, number];
    const message = check(value);
    if (message) return { path: path || '/', message };
    if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { path: path || '/', message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
    // Reversed, so that the first problem found is the first in reading order.
    const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as readonly [string, unknown];
      pending.push([item, `${path}/${key}`, depth + 1]);
    }
  }
  return null;
}

/** Text both engines store alike: PostgreSQL refuses a NUL character, and SQLite keeps a lone surrogate as bytes that are not UTF-8. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'must be valid Unicode text';
  return null;
}

const rawTextProblem = (value: unknown) => (typeof value === 'string' ? textProblem(value) : null);

// Validation turns the text "Infinity" into a number for a numeric field, and then skips the
// minimum and maximum; no field of the API means an endless number.
const endlessNumber = (value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? 'must be a finite number' : null);

function guard(request: { params: unknown; query: unknown; body: unknown }, check: (value: unknown) => string | null) {
  const found =
    firstProblem(request.params, '/params', check) ??
    firstProblem(request.query, '/querystring', check) ??
    firstProblem(request.body, '', check);
  return found ? invalid(found.path, found.message) : undefined;
}

/**
 * Refused up front, naming the field, on both engines alike: text no person types (NUL, lone
 * surrogates), bodies nested absurdly deep, and — once validation has converted the fields —
 * endless numbers.
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => done(guard(request, rawTextProblem)));
  app.addHook('preHandler', (request, _reply, done) => done(guard(request, endlessNumber)));
}
