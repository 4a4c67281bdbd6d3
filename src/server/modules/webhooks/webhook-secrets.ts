import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';

// A webhook's signing secret is shown once and then kept encrypted with a key derived from the link
// key, which lives outside the database: a copy of the database alone cannot forge signatures.

const PREFIX = 'whsec_';
const FORMAT = 'v1';

/** 32 random bytes, as integrators paste them into their receiver. */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

function encryptionKey(ctx: Pick<AppContext, 'linkKey'>): Buffer {
  return Buffer.from(hkdfSync('sha256', ctx.linkKey, Buffer.alloc(0), 'foyer-webhook-secret', 32));
}

/**
 * AES-256-GCM, with the webhook's id as additional data: a stored secret copied onto another
 * webhook's row does not decrypt there.
 */
export function sealSecret(ctx: Pick<AppContext, 'linkKey'>, webhookId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(ctx), iv);
  cipher.setAAD(Buffer.from(webhookId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Throws when the stored value was not sealed with this installation's key for this webhook. */
export function openSecret(ctx: Pick<AppContext, 'linkKey'>, webhookId: string, stored: string): string {
  const [format, iv, sealed, tag] = stored.split('.');
  if (format !== FORMAT || !iv || !sealed || !tag) throw new Error('the stored webhook secret has an unknown form');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(ctx), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(webhookId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`; the key is the secret string as shown. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
