import { api, apiRequestWithEtag, type WithEtag } from '../../lib/api-client';
import type { Page } from '../../lib/api-types';
import { withQuery } from '../../lib/query';

// Webhooks for integrators (administrators): see docs/webhooks.md.

export const deliveryPageSize = 20;

export interface Webhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  abilities: ('read' | 'update' | 'delete' | 'test')[];
}

/** The answer to create and rotate-secret: the only time the secret is shown. */
export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export interface EventType {
  type: string;
  description: string;
}

export interface WebhookAttempt {
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: string;
  eventType: string;
  eventSeq: number | null;
  state: DeliveryState;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
  recentAttempts: WebhookAttempt[];
}

export interface AllowedHost {
  host: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface WebhookInput {
  name: string;
  url: string;
  events: string[];
  active: boolean;
}

const hookPath = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

export async function listWebhooks(signal: AbortSignal): Promise<Webhook[]> {
  return (await api.get<Page<Webhook>>('/api/v1/webhooks', { signal })).items;
}

export async function listEventTypes(signal: AbortSignal): Promise<EventType[]> {
  return (await api.get<Page<EventType>>('/api/v1/webhooks/event-types', { signal })).items;
}

export function createWebhook(input: WebhookInput): Promise<WebhookWithSecret> {
  return api.post('/api/v1/webhooks', input);
}

/** With its ETag, so a change can say which version it was made on. */
export function getWebhook(id: string, signal?: AbortSignal): Promise<WithEtag<Webhook>> {
  return apiRequestWithEtag<Webhook>('GET', hookPath(id), signal ? { signal } : {});
}

export function updateWebhook(id: string, change: Partial<WebhookInput>, etag: string | null): Promise<WithEtag<Webhook>> {
  return apiRequestWithEtag<Webhook>('PATCH', hookPath(id), { body: change, ...(etag ? { headers: { 'If-Match': etag } } : {}) });
}

export function deleteWebhook(id: string): Promise<void> {
  return api.delete(hookPath(id));
}

export function rotateSecret(id: string): Promise<WebhookWithSecret> {
  return api.post(`${hookPath(id)}/rotate-secret`);
}

export function sendTestEvent(id: string): Promise<{ deliveryId: string }> {
  return api.post(`${hookPath(id)}/test`);
}

export function listDeliveries(id: string, cursor: string | null, signal: AbortSignal): Promise<Page<WebhookDelivery>> {
  return api.get(withQuery(`${hookPath(id)}/deliveries`, { limit: deliveryPageSize, cursor }), { signal });
}

export function redeliver(deliveryId: string): Promise<{ deliveryId: string }> {
  return api.post(`/api/v1/webhooks/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
}

export async function listAllowedHosts(signal: AbortSignal): Promise<AllowedHost[]> {
  return (await api.get<Page<AllowedHost>>('/api/v1/webhooks/allowed-hosts', { signal })).items;
}

export function addAllowedHost(host: string): Promise<AllowedHost> {
  return api.post('/api/v1/webhooks/allowed-hosts', { host });
}

export function removeAllowedHost(host: string): Promise<void> {
  return api.delete(`/api/v1/webhooks/allowed-hosts/${encodeURIComponent(host)}`);
}
