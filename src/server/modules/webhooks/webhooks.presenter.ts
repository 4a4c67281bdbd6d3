import { Type } from 'typebox';
import { IdSchema, listOf, Nullable, TimestampSchema } from '../../http/schemas.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { type AllowedHostRow, type AttemptRow, type DeliveryRow, eventsOf, type WebhookRow } from './webhooks.repo.js';

export const WEBHOOK_ABILITIES = ['read', 'update', 'delete', 'test'] as const;

export const WebhookSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  url: Type.String({ description: 'Where deliveries are POSTed' }),
  events: Type.Array(Type.String(), { description: 'The event types it receives (see GET /webhooks/event-types)' }),
  active: Type.Boolean({ description: 'false: no new deliveries; those still waiting are not sent' }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  abilities: Type.Array(Type.Enum(WEBHOOK_ABILITIES)),
});

export const WebhookWithSecretSchema = Type.Intersect([
  WebhookSchema,
  Type.Object({
    secret: Type.String({
      description: 'The signing secret. Shown only in this answer: store it now; a new one can be made with rotate-secret',
    }),
  }),
]);

export const AttemptSchema = Type.Object({
  at: TimestampSchema,
  statusCode: Nullable(Type.Integer({ description: 'The receiver’s HTTP status; null when no answer came' })),
  error: Nullable(Type.String({ description: 'Why it did not count (at most 500 characters); null for a 2xx' })),
  durationMs: Type.Integer(),
});

export const DeliverySchema = Type.Object({
  id: IdSchema,
  eventType: Type.String(),
  eventSeq: Nullable(Type.Integer({ description: 'The audit log entry it comes from; null for a test' })),
  state: Type.Enum(['pending', 'delivered', 'failed']),
  attempts: Type.Integer(),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: TimestampSchema,
  deliveredAt: Nullable(TimestampSchema),
  payload: Type.Object({}, { additionalProperties: true, description: 'The body sent, exactly as signed' }),
  recentAttempts: Type.Array(AttemptSchema, { description: 'The last five attempts, newest first' }),
});

export const DeliveryPageSchema = listOf(DeliverySchema);

export const EventTypeSchema = Type.Object({ type: Type.String(), description: Type.String() });

export const AllowedHostSchema = Type.Object({
  host: Type.String({ description: 'A host name or IP address (IPv6 in brackets), lower-case' }),
  createdAt: TimestampSchema,
  createdBy: Nullable(Type.Object({ id: IdSchema, name: Type.String() })),
});

export function presentWebhook(row: WebhookRow) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: eventsOf(row),
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: [...WEBHOOK_ABILITIES],
  };
}

export const webhookEtag = (row: Pick<WebhookRow, 'id' | 'version'>) => `"${row.id}.${row.version}"`;

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // stored by us, so it parses; a broken row still lists
  }
  return {};
}

export function presentDelivery(row: DeliveryRow, attempts: readonly AttemptRow[]) {
  return {
    id: row.id,
    eventType: row.event_type,
    eventSeq: row.event_seq === null ? null : Number(row.event_seq),
    state: row.state,
    attempts: Number(row.attempts),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    payload: parsePayload(row.payload),
    recentAttempts: attempts.map((a) => ({
      at: a.attempted_at,
      statusCode: a.status_code,
      error: a.error,
      durationMs: Number(a.duration_ms),
    })),
  };
}

export function presentAllowedHost(row: AllowedHostRow) {
  return {
    host: row.host,
    createdAt: row.created_at,
    createdBy: row.created_by && row.creator_name ? { id: row.created_by, name: row.creator_name } : null,
  };
}

export const eventTypes = () => WEBHOOK_EVENT_TYPES.map(([type, description]) => ({ type, description }));
