import { EventEmitter } from 'node:events';

/**
 * What the real-time side hears, after the change it tells of has committed. Messages carry ids
 * only: each process decides, per open stream, what that reader may be told.
 */
export type BusMessage =
  /** Something in a workspace changed (an event of the log, by its place in it). */
  | { type: 'change'; seq: number; workspaceId: string; action: string; targetType: string | null; targetId: string | null }
  /** These people have new notifications (or read some): their unread count changed. */
  | { type: 'notifications'; userIds: string[] }
  /** What these people may enter changed (removed, suspended, role changed): their streams start over. */
  | { type: 'access'; userIds: string[] }
  /** The extranet was switched off: every guest's streams end (a guest may then only sign out). */
  | { type: 'extranet_closed' }
  /**
   * Heard only inside a process, never sent: its bus was deaf for a while (its PostgreSQL connection
   * came back) and may have missed messages, so every open page reads what it shows again.
   */
  | { type: 'resync' };

export interface EventBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

/** The bus of a single process (the embedded database has one). */
export function memoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(message) {
      emitter.emit('message', message);
    },
    subscribe(listener) {
      emitter.on('message', listener);
      return () => emitter.off('message', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** People lists are cut so a message stays well under PostgreSQL's 8,000-byte NOTIFY limit. */
export function splitPeople<T extends { userIds: string[] }>(message: T, size = 100): T[] {
  const parts: T[] = [];
  for (let i = 0; i < message.userIds.length; i += size) parts.push({ ...message, userIds: message.userIds.slice(i, i + size) });
  return parts;
}
