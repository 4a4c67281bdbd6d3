import { Type } from 'typebox';
import { PASSWORD_MAX_LENGTH } from '../../shared/accounts.js';

// Building blocks of the API contract; every route composes its schema from these.

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { description: 'RFC 9457 problem document' },
);

export const IdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-zA-Z-]+$' });
export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });
export const NameSchema = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
export const PasswordSchema = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });
export const TimestampSchema = Type.String({ format: 'date-time' });

/** A value or null (JSON null, never absent). */
/**
 * Options for a PATCH body: unknown fields are dropped (the validator removes what the schema does
 * not allow), so a body of only unknown fields is an empty change, not a new version.
 */
export const Changes = { additionalProperties: false } as const;

export const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ListQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});

export const listOf = <T extends import('typebox').TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Error responses every route may give, so the OpenAPI document lists them. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema]));
}
