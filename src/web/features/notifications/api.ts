import { api, apiRequest } from '../../lib/api-client';
import { withQuery } from '../../lib/query';
import type { NotificationFilter, NotificationPage } from './types';

export const notificationsPageSize = 30;

const enc = encodeURIComponent;

export function listNotifications(filter: NotificationFilter, cursor: string | null, signal: AbortSignal): Promise<NotificationPage> {
  const query = { unread: filter === 'unread' ? 'true' : null, limit: notificationsPageSize, cursor };
  return api.get<NotificationPage>(withQuery('/api/v1/me/notifications', query), { signal });
}

export function markNotification(id: string, read: boolean): Promise<void> {
  return api.post<void>(`/api/v1/me/notifications/${enc(id)}/${read ? 'read' : 'unread'}`);
}

export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return api.post<{ updated: number }>('/api/v1/me/notifications/read-all');
}

export function getFolderWatch(folderId: string, signal: AbortSignal): Promise<{ watching: boolean }> {
  return api.get<{ watching: boolean }>(`/api/v1/folders/${enc(folderId)}/watch`, { signal });
}

export function setFolderWatch(folderId: string, watching: boolean): Promise<{ watching: boolean }> {
  const path = `/api/v1/folders/${enc(folderId)}/watch`;
  return apiRequest<{ watching: boolean }>(watching ? 'PUT' : 'DELETE', path);
}
