import type { ProblemFieldError } from '../../shared/problem.js';

/** One failed check of a request's schema, as the validator reports it. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

const PATTERNS: Record<string, string> = {
  '\\S': 'must not be blank',
  '^\\d{4}-\\d{2}-\\d{2}$': 'must be a date, such as 2026-12-31',
  '^[0-9a-zA-Z-]+$': 'is not an id',
};

const FORMATS: Record<string, string> = {
  email: 'must be an e-mail address, such as name@example.com',
  'date-time': 'must be a date and time, such as 2026-12-31T09:00:00Z',
  date: 'must be a date, such as 2026-12-31',
  uri: 'must be a web address',
};

const TYPES: Record<string, string> = {
  string: 'must be text',
  integer: 'must be a whole number',
  number: 'must be a number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
  null: 'must be null',
};

const count = (n: unknown, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The validator's own messages quote regular expressions and schema words ("must match pattern
 * "\S"", "must NOT have fewer than 1 characters"); people read these under form fields, so each
 * check gets a sentence in words. Anything unforeseen keeps the validator's message.
 */
export function readableMessage(error: SchemaError): string {
  const { keyword, params } = error;
  switch (keyword) {
    case 'required':
      return 'is required';
    case 'type': {
      const types = String(params.type ?? '').split(',');
      return types.map((t) => TYPES[t] ?? `must be ${t}`).join(', or ');
    }
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${count(params.limit, 'character', 'characters')} long`;
    case 'maxLength':
      return `must be at most ${count(params.limit, 'character', 'characters')} long`;
    case 'minItems':
      return `must have at least ${count(params.limit, 'item', 'items')}`;
    case 'maxItems':
      return `must have at most ${count(params.limit, 'item', 'items')}`;
    case 'minimum':
      return `must be at least ${params.limit}`;
    case 'maximum':
      return `must be at most ${params.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${params.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${params.limit}`;
    case 'pattern':
      return PATTERNS[String(params.pattern)] ?? 'is not in the expected form';
    case 'format':
      return FORMATS[String(params.format)] ?? error.message ?? 'is invalid';
    case 'enum':
      return Array.isArray(params.allowedValues)
        ? `must be one of: ${params.allowedValues.join(', ')}`
        : 'is not one of the allowed values';
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'uniqueItems':
      return 'must not list the same item twice';
    default:
      return error.message ?? 'is invalid';
  }
}

/**
 * The field errors of a refused request part (`context`: body, querystring, params, headers). A
 * value that may take one of several forms ("a date, or nothing") fails each form separately;
 * those failures become one sentence.
 */
export function fieldErrors(errors: readonly SchemaError[], context: string | undefined): ProblemFieldError[] {
  const where = context === 'body' || !context ? '' : `/${context}`;
  const pathOf = (e: SchemaError) => {
    const missing = typeof e.params.missingProperty === 'string' ? `/${e.params.missingProperty}` : '';
    const extra = typeof e.params.additionalProperty === 'string' ? `/${e.params.additionalProperty}` : '';
    return `${where}${e.instancePath}${missing}${extra}` || '/';
  };
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const within = (e: SchemaError) => alternatives.find((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`));
  const result: ProblemFieldError[] = [];
  for (const e of errors) {
    if (within(e)) continue;
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      result.push({ path: pathOf(e), message: readableMessage(e) });
      continue;
    }
    const branches = errors.filter((b) => within(b) === e);
    const allowed = branches.filter((b) => b.keyword === 'const').map((b) => b.params.allowedValue);
    const phrases = [
      ...new Set(branches.map((b) => (b.keyword === 'type' && b.params.type === 'null' ? 'must be left empty' : readableMessage(b)))),
    ];
    const message =
      branches.length > 0 && allowed.length === branches.length
        ? `must be one of: ${allowed.join(', ')}`
        : phrases.every((p) => p.startsWith('must '))
          ? `must ${phrases.map((p) => p.slice('must '.length)).join(', or ')}`
          : phrases.join('; or ');
    result.push({ path: pathOf(e), message: branches.length > 0 ? message : readableMessage(e) });
  }
  return result;
}
