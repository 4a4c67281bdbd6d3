import type { FastifyInstance } from 'fastify';
import { invalid } from './problems.js';

/** The JSON-pointer-like path of the first string holding a NUL character, if any. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, `${path}/${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store a NUL character in text and fails the whole query; no person types one.
 * Refused up front, naming the field, on both engines alike.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const found = nulPath(request.params, '/params') ?? nulPath(request.query, '/querystring') ?? nulPath(request.body, '');
    done(found ? invalid(found, 'must not contain a NUL character') : undefined);
  });
}
