import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { ViewToggle } from '../../components/ui/view-toggle';
import { markAllNotificationsRead, markNotification } from '../../features/notifications/api';
import { NotificationList } from '../../features/notifications/components/notification-list';
import type { NotificationFilter, NotificationItem } from '../../features/notifications/types';
import { useNotificationList } from '../../features/notifications/use-notification-list';
import { toApiError } from '../../lib/api-client';
import { plural } from '../../lib/format';
import { useLiveUpdates } from '../../lib/live-updates';
import { problemSummary } from '../../lib/problem';

const FILTERS = ['all', 'unread'] as const satisfies readonly NotificationFilter[];
const FILTER_LABELS: Record<NotificationFilter, string> = { all: 'All', unread: 'Unread' };

/** What happened that concerns me, newest first: read, unread, all read, and the way to each item. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const filter: NotificationFilter = params.get('show') === 'unread' ? 'unread' : 'all';
  const list = useNotificationList(filter);
  const live = useLiveUpdates();
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [markingAll, setMarkingAll] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The stream's count is the freshest; the list's own is there when the stream is not.
  const unread = live?.unread ?? list.unread;

  function choose(next: NotificationFilter) {
    setStatus(null);
    setProblem(null);
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next === 'unread') copy.set('show', 'unread');
        else copy.delete('show');
        return copy;
      },
      { replace: true },
    );
  }

  async function mark(item: NotificationItem, read: boolean) {
    if (pendingId !== null) return;
    setPendingId(item.id);
    setProblem(null);
    setStatus(null);
    try {
      await markNotification(item.id, read);
      list.markLocally([item.id], read);
      live?.refreshUnread();
      setStatus(read ? `“${item.title}” is marked read.` : `“${item.title}” is marked unread.`);
    } catch (error) {
      const { problem: answer } = toApiError(error);
      // Gone meanwhile (no longer visible to me): read the list as it is now.
      if (answer.status === 404) list.reload();
      setProblem(problemSummary(answer));
    } finally {
      setPendingId(null);
    }
  }

  function open(item: NotificationItem) {
    if (item.readAt !== null) return;
    // The page is left at once; the count follows when the server has it.
    markNotification(item.id, true).then(
      () => live?.refreshUnread(),
      () => {},
    );
  }

  async function markAll() {
    setMarkingAll(true);
    setProblem(null);
    setStatus(null);
    // Only what was on screen when pressed: one that arrives meanwhile may be newer than the server's "all".
    const shown = list.items.map((item) => item.id);
    try {
      const { updated } = await markAllNotificationsRead();
      list.markLocally(shown, true);
      live?.refreshUnread();
      setStatus(updated === 0 ? 'Everything was already read.' : `${plural(updated, 'notification', 'notifications')} marked read.`);
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
    } finally {
      setMarkingAll(false);
    }
  }

  return (
    <>
      <PageHeading description="What happened that concerns you, newest first.">Notifications</PageHeading>
      <div className="notifications-toolbar">
        <ViewToggle views={FILTERS} labels={FILTER_LABELS} value={filter} onChange={choose} legend="Show" />
        <div className="notifications-summary">
          {unread !== null && <p className="notifications-unread">{unread === 0 ? 'All read' : `${unread} unread`}</p>}
          {unread !== null && (
            // Stays in place (inert) once all is read, so the focus of whoever pressed it is not lost.
            <Button busy={markingAll || unread === 0} onClick={markAll}>
              Mark all read
            </Button>
          )}
        </div>
      </div>
      <LiveStatus message={status} />
      {problem && <Alert tone="error">{problem}</Alert>}
      {list.error && list.items.length === 0 ? (
        <Alert tone="error" title="Your notifications could not be loaded.">
          <p>{problemSummary(list.error.problem)}</p>
          <Button onClick={list.reload}>Try again</Button>
        </Alert>
      ) : list.loading && list.items.length === 0 ? (
        <p>Loading notifications…</p>
      ) : list.items.length === 0 ? (
        <p className="empty">
          {filter === 'unread'
            ? 'Nothing unread: you are up to date.'
            : 'No notifications yet. Tasks assigned to you, mentions, uploads into folders you watch, planned activities and access ending soon will show here.'}
        </p>
      ) : (
        <NotificationList items={list.items} pendingId={pendingId} onMark={mark} onOpen={open} />
      )}
      {list.error && list.items.length > 0 && (
        <Alert tone="error" title="More notifications could not be loaded.">
          <p>{problemSummary(list.error.problem)}</p>
        </Alert>
      )}
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
