import { createContext, useContext, useEffect, useRef } from 'react';
import { isApiError } from './api-client';
import type { ChangeMessage, LiveMessage } from './live-updates-messages';

export type { ChangeMessage, LiveMessage } from './live-updates-messages';
export { changeIn, changeOf, isCommentChange, itemsChangedIn } from './live-updates-messages';

export interface LiveUpdates {
  /** Unread notifications; null until the server has told. */
  unread: number | null;
  subscribe(listener: (message: LiveMessage) => void): () => void;
  /** Asks the server for the unread count now (after marking some read on this page). */
  refreshUnread(): void;
}

export const LiveUpdatesContext = createContext<LiveUpdates | null>(null);

/** The tab's live connection; null outside the signed-in shell, where nothing is live. */
export function useLiveUpdates(): LiveUpdates | null {
  return useContext(LiveUpdatesContext);
}

export function useUnreadCount(): number | null {
  return useLiveUpdates()?.unread ?? null;
}

/** Hears every message of the tab's connection; the latest `listener` is called, without resubscribing. */
export function useLiveMessages(listener: (message: LiveMessage) => void): void {
  const subscribe = useLiveUpdates()?.subscribe;
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  useEffect(() => subscribe?.((message) => listenerRef.current(message)), [subscribe]);
}

/** Many changes often arrive together (a batch upload): one read covers them. */
const REFETCH_DELAY_MS = 250;

export interface RefetchOptions {
  /**
   * While true (an edit form is open), changes, reconnects and access changes wait: reading again
   * would swap the version the edit is based on and defeat the "someone else changed this" check.
   * A real loss of access then shows when the edit is saved (404), with the text still there.
   */
  paused?: boolean;
  /**
   * Whether a reconnect reads again (default true). An object page whose edit forms take the
   * version at save time says false: only a loss of access then reads it again.
   */
  afterReconnect?: boolean;
}

/**
 * Reads a page's data again when the server says it changed: on a matching `change` message, after a
 * reconnect (something may have been missed) and when the reader's access changed (the page may now
 * answer 404). Without `when`, only reconnects and access changes count.
 */
export function useRefetchOnChange(
  refetch: () => void,
  when?: ((change: ChangeMessage) => boolean) | null,
  options: RefetchOptions = {},
): void {
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;
  const whenRef = useRef(when);
  whenRef.current = when;
  const paused = options.paused ?? false;
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const afterReconnect = useRef(options.afterReconnect ?? true);
  afterReconnect.current = options.afterReconnect ?? true;
  const pending = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const schedule = () => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refetchRef.current();
    }, REFETCH_DELAY_MS);
  };

  useLiveMessages((message) => {
    if (message.type === 'notifications') return;
    if (message.type === 'change' && !whenRef.current?.(message.change)) return;
    if (message.type === 'resync' && !afterReconnect.current) return;
    if (pausedRef.current) {
      pending.current = true;
      return;
    }
    schedule();
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `schedule` only touches refs
  useEffect(() => {
    if (paused || !pending.current) return;
    pending.current = false;
    schedule();
  }, [paused]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
}

/**
 * For a page with edit forms that save with the version they started from: when the reader's
 * access changed, ask the server whether the page is still theirs, and reload it only if it is not
 * (it then shows "not found"). Any other answer leaves the page, and an edit in progress, alone.
 */
export function useReloadWhenAccessLost(probe: (signal: AbortSignal) => Promise<unknown>, reload: () => void): void {
  const probeRef = useRef(probe);
  probeRef.current = probe;
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useRefetchOnChange(
    () => {
      probeRef.current(new AbortController().signal).then(
        () => {},
        (reason: unknown) => {
          if (isApiError(reason) && (reason.status === 404 || reason.status === 403)) reloadRef.current();
        },
      );
    },
    null,
    { afterReconnect: false },
  );
}
