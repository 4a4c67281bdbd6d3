import { NavLink } from 'react-router';
import { useUnreadCount } from '../../../lib/live-updates';

/** The bell's name says the count, so it is heard the same way it is seen. */
export function bellLabel(unread: number | null): string {
  return unread === null ? 'Notifications' : `Notifications, ${unread} unread`;
}

/** The header's way to the notifications, with the unread count kept live by the stream. */
export function NotificationBell() {
  const unread = useUnreadCount();
  return (
    <NavLink to="/notifications" className="bell" aria-label={bellLabel(unread)} data-unread={unread !== null && unread > 0}>
      <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z"
        />
      </svg>
      {unread !== null && <span className="bell-count">{unread}</span>}
    </NavLink>
  );
}
