import type { EmailDelivery, NotificationKind } from '../../../shared/notifications';
import { api, apiRequest } from '../../lib/api-client';

export interface NotificationPreference {
  kind: NotificationKind;
  label: string;
  delivery: EmailDelivery;
  default: EmailDelivery;
}

export type UnsubscribeKind = NotificationKind | 'digest';

export interface UnsubscribePreview {
  kind: UnsubscribeKind;
  label: string;
  /** Masked, e.g. j***@example.com. */
  email: string;
  delivery: EmailDelivery;
}

export async function getMyNotificationPreferences(signal: AbortSignal): Promise<NotificationPreference[]> {
  return (await api.get<{ preferences: NotificationPreference[] }>('/api/v1/me/notification-preferences', { signal })).preferences;
}

export async function saveMyNotificationPreferences(
  preferences: { kind: NotificationKind; delivery: EmailDelivery }[],
): Promise<NotificationPreference[]> {
  const body = { preferences };
  return (await apiRequest<{ preferences: NotificationPreference[] }>('PUT', '/api/v1/me/notification-preferences', { body })).preferences;
}

const unsubscribePath = (token: string) => `/api/v1/unsubscribe?token=${encodeURIComponent(token)}`;

/** What the link would switch off; changes nothing. */
export function previewUnsubscribe(token: string, signal: AbortSignal): Promise<UnsubscribePreview> {
  return api.get<UnsubscribePreview>(unsubscribePath(token), { signal, expectUnauthorized: true });
}

export function confirmUnsubscribe(token: string): Promise<{ kind: UnsubscribeKind; delivery: 'never' }> {
  return api.post<{ kind: UnsubscribeKind; delivery: 'never' }>(unsubscribePath(token), {}, { expectUnauthorized: true });
}
