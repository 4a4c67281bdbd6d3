import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from './api-client';
import { type LiveUpdates, LiveUpdatesContext } from './live-updates';
import { type LiveMessage, parseChange, parseUnread, reconnectDelayMs, resyncDelayMs, STREAM_PATH } from './live-updates-messages';

const UNREAD_PATH = '/api/v1/me/notifications/unread-count';

function fetchUnread(signal: AbortSignal): Promise<number> {
  // A 401 here ends the session through the API client, which is what signing out elsewhere should do.
  return api.get<{ unread: number }>(UNREAD_PATH, { signal }).then((answer) => answer.unread);
}

/**
 * One live connection per tab, opened while someone is signed in (the shell mounts this, so
 * signing out unmounts it and closes the stream). The browser's EventSource reconnects by itself
 * after a dropped connection; only when it gives up (the answer was not a stream: signed out, or
 * refused) does this ask the server who is signed in and try again later.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState<number | null>(null);
  const listeners = useRef(new Set<(message: LiveMessage) => void>());
  const refreshController = useRef<AbortController | null>(null);
  // Counts the stream's own counts: an asked-for count that was on its way while the stream told a
  // newer one is dropped, so the bell never goes back to an older number.
  const streamCounts = useRef(0);
  const setAskedCount = useCallback((count: number, asked: number) => {
    if (streamCounts.current === asked) setUnread(count);
  }, []);

  const emit = useCallback((message: LiveMessage) => {
    for (const listener of [...listeners.current]) listener(message);
  }, []);

  const refreshUnread = useCallback(() => {
    refreshController.current?.abort();
    const controller = new AbortController();
    refreshController.current = controller;
    const asked = streamCounts.current;
    // Failures leave the count as it was; a 401 has already ended the session.
    fetchUnread(controller.signal).then(
      (count) => setAskedCount(count, asked),
      () => {},
    );
  }, [setAskedCount]);

  const subscribe = useCallback((listener: (message: LiveMessage) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let resyncTimer: ReturnType<typeof setTimeout> | null = null;
    let resyncUnread = false;
    let failures = 0;
    let everReady = false;
    let streamSpoke = false;
    // Set when the server ended this stream for a newer one of the same person (too many tabs).
    let replaced = false;
    const probe = new AbortController();

    // The count shows at once even where the stream is slow to start or cut by a proxy.
    fetchUnread(probe.signal).then(
      (count) => {
        if (!streamSpoke) setUnread(count);
      },
      () => {},
    );

    function onUnread(event: MessageEvent, type: 'ready' | 'notifications') {
      streamSpoke = true;
      const count = parseUnread(event.data);
      streamCounts.current += 1;
      if (count !== null) setUnread(count);
      if (type === 'notifications' && count !== null) emit({ type: 'notifications', unread: count });
    }

    // Every open page reads again after a gap or a server's `resync`, each tab at a moment of its
    // own: after a restart all tabs reconnect together, and a recovering server should not get
    // every page's reads at once. Several reasons within the wait make one read.
    function scheduleResync(unreadToo = false) {
      resyncUnread ||= unreadToo;
      if (resyncTimer !== null) return;
      resyncTimer = setTimeout(() => {
        resyncTimer = null;
        if (resyncUnread) {
          const asked = streamCounts.current;
          fetchUnread(probe.signal).then(
            (count) => setAskedCount(count, asked),
            () => {},
          );
        }
        resyncUnread = false;
        emit({ type: 'resync' });
      }, resyncDelayMs());
    }

    function connect() {
      const stream = new EventSource(STREAM_PATH);
      source = stream;
      stream.addEventListener('ready', (event) => {
        failures = 0;
        onUnread(event, 'ready');
        // After a gap (a reconnect, or after `access`), what is on screen may be out of date.
        if (everReady) scheduleResync();
        everReady = true;
      });
      stream.addEventListener('notifications', (event) => onUnread(event, 'notifications'));
      stream.addEventListener('change', (event) => {
        const change = parseChange(event.data);
        if (change) emit({ type: 'change', change });
      });
      stream.addEventListener('access', () => emit({ type: 'access' }));
      // The server may have missed changes (its database connection came back).
      stream.addEventListener('resync', () => scheduleResync(true));
      // Reconnecting would end another tab's stream, which would reconnect in turn, and so on: this tab
      // waits until someone looks at it again.
      stream.addEventListener('replaced', () => {
        replaced = true;
        stream.close();
        source = null;
      });
      stream.addEventListener('error', () => {
        // CONNECTING: the browser is already reconnecting. CLOSED: it gave up for good.
        if (stream.readyState !== EventSource.CLOSED) return;
        stream.close();
        source = null;
        failures += 1;
        const asked = streamCounts.current;
        fetchUnread(probe.signal).then(
          (count) => setAskedCount(count, asked),
          () => {},
        );
        retryTimer = setTimeout(
          () => {
            retryTimer = null;
            connect();
          },
          reconnectDelayMs(failures - 1),
        );
      });
    }

    function onVisible() {
      if (!replaced || document.visibilityState !== 'visible') return;
      replaced = false;
      connect();
    }

    connect();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      probe.abort();
      refreshController.current?.abort();
      if (retryTimer !== null) clearTimeout(retryTimer);
      if (resyncTimer !== null) clearTimeout(resyncTimer);
      source?.close();
    };
  }, [emit, setAskedCount]);

  const value = useMemo<LiveUpdates>(() => ({ unread, subscribe, refreshUnread }), [unread, subscribe, refreshUnread]);

  return <LiveUpdatesContext.Provider value={value}>{children}</LiveUpdatesContext.Provider>;
}
