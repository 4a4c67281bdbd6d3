import type { FastifyInstance } from 'fastify';
import { invalid } from './problems.js';

/** Deeper than any body the API accepts; a deeper one is refused before anything walks it further. */
export const MAX_INPUT_DEPTH = 32;

type Problem = { path: string; message: string };
/** A problem found inside a container: the keys leading to it, innermost first. */
type Found = { keys: string[]; message: string };

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);

/**
 * The first value inside `container` that `check` refuses, in reading order. Recursive, but never
 * deeper than MAX_INPUT_DEPTH: a hostile body nested thousands deep is refused at that depth
 * instead of exhausting the stack. Paths are spelled out only for the problem reported.
 */
function findInside(container: object, depth: number, check: (value: unknown) => string | null): Found | null {
  if (depth >= MAX_INPUT_DEPTH) return { keys: [], message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
  const visit = (item: unknown, key: string): Found | null => {
    const message = check(item);
    if (message) return { keys: [key], message };
    const found = isContainer(item) ? findInside(item, depth + 1, check) : null;
    found?.keys.push(key);
    return found;
  };
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const found = visit(container[i], String(i));
      if (found) return found;
    }
    return null;
  }
  for (const key in container) {
    if (!Object.hasOwn(container, key)) continue;
    const found = visit((container as Record<string, unknown>)[key], key);
    if (found) return found;
  }
  return null;
}

/** The first value of a request part that `check` refuses, with its JSON-pointer-like path. */
function firstProblem(root: unknown, rootPath: string, check: (value: unknown) => string | null): Problem | null {
  const rootMessage = check(root);
  if (rootMessage) return { path: rootPath || '/', message: rootMessage };
  const found = isContainer(root) ? findInside(root, 0, check) : null;
  if (!found) return null;
  const inner = found.keys
    .reverse()
    .map((key) => `/${key}`)
    .join('');
  return { path: `${rootPath}${inner}` || '/', message: found.message };
}

/** Text both engines store alike: PostgreSQL refuses a NUL character, and SQLite keeps a lone surrogate as bytes that are not UTF-8. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'must be valid Unicode text';
  return null;
}

const rawTextProblem = (value: unknown) => (typeof value === 'string' ? textProblem(value) : null);

// Validation, converting types as app.ts configures it, turns the text "Infinity" into a number and
// lets it past the field's minimum and maximum; no field of the API means an endless number.
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
