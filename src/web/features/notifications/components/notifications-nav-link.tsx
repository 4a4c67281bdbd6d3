import { NavLink } from 'react-router';
import { useUnreadCount } from '../../../lib/live-updates';

/**
 * A menu's "Notifications" entry with the unread count beside it. The name is set whole, as on the
 * bell: a count laid out apart from the word would otherwise be read as "Notifications , 3".
 */
export function NotificationsNavLink() {
  const unread = useUnreadCount();
  const counted = unread !== null && unread > 0;
  return (
    <NavLink to="/notifications" className="nav-link" aria-label={counted ? `Notifications, ${unread} unread` : 'Notifications'}>
      Notifications
      {counted && <span className="nav-count">{unread}</span>}
    </NavLink>
  );
}
