import { Type } from 'typebox';
import { record } from '../../audit/record.js';
import { ACTOR_USER_COLUMNS } from '../../authz/actor.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { prepared } from '../../db/prepared.js';
import { notFound } from '../../http/problems.js';
import { IdSchema, TimestampSchema } from '../../http/schemas.js';
import { newId } from '../../lib/ids.js';
import { hashSecret, newSecret } from '../../lib/secrets.js';

/** A recognisable prefix lets secret scanners spot a leaked token. */
export const TOKEN_PREFIX = 'foyer_pat_';

export const ApiTokenSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  createdAt: TimestampSchema,
  lastUsedAt: Type.Union([TimestampSchema, Type.Null()]),
});

export async function listTokens(ctx: AppContext, actor: Actor) {
  const caller = requireUser(actor);
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', caller.id)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at })),
    nextCursor: null,
  };
}

export async function createToken(ctx: AppContext, actor: Actor, input: { name: string }, meta: RequestMeta) {
  const caller = requireUser(actor);
  const token = newSecret(TOKEN_PREFIX);
  const row = {
    id: newId(),
    user_id: caller.id,
    name: input.name.trim(),
    token_hash: hashSecret(token),
    created_at: new Date().toISOString(),
    last_used_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_tokens').values(row).execute();
    await record(trx, {
      actorId: caller.id,
      action: 'api_token.created',
      target: { type: 'api_token', id: row.id },
      ip: meta.ip,
      details: { name: row.name },
    });
  });
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: null, token };
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta) {
  const caller = requireUser(actor);
  const row = await ctx.db.selectFrom('api_tokens').select(['id', 'user_id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  authorize(actor, 'apiToken', 'revoke', { userId: row.user_id });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('api_tokens').where('id', '=', id).execute();
    await record(trx, {
      actorId: caller.id,
      action: 'api_token.revoked',
      target: { type: 'api_token', id },
      ip: meta.ip,
      details: { name: row.name },
    });
  });
}

const selectToken = prepared(
  1,
  (db, tokenHash: string) =>
    db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id as tokenId', 'api_tokens.last_used_at'])
      .select(ACTOR_USER_COLUMNS)
      .where('api_tokens.token_hash', '=', tokenHash),
  { memo: true },
);

/** The bearer token's user, or null when the token is unknown or its owner is suspended. */
export async function resolveToken(ctx: AppContext, token: string) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await selectToken(ctx.db, hashSecret(token));
  if (row?.status !== 'active') return null;
  const now = Date.now();
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > 60_000) {
    await ctx.db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date(now).toISOString() })
      .where('id', '=', row.tokenId)
      .execute();
  }
  return row;
}
