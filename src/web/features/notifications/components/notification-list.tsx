import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { formatDateTime } from '../../../lib/format';
import { notificationFacts, notificationLabel, notificationSentence } from '../describe';
import type { NotificationItem } from '../types';

export interface NotificationListProps {
  items: NotificationItem[];
  /** The notification whose read state is being changed, if any. */
  pendingId: string | null;
  onMark: (item: NotificationItem, read: boolean) => void;
  /** Following an item's link marks it read. */
  onOpen: (item: NotificationItem) => void;
}

/** Newest first; an unread one says so in words and weight, not by colour alone. */
export function NotificationList({ items, pendingId, onMark, onOpen }: NotificationListProps) {
  return (
    <ol className="notification-list" aria-label="Notifications">
      {items.map((item) => (
        <NotificationRow key={item.id} item={item} pending={pendingId === item.id} onMark={onMark} onOpen={onOpen} />
      ))}
    </ol>
  );
}

interface RowProps {
  item: NotificationItem;
  pending: boolean;
  onMark: (item: NotificationItem, read: boolean) => void;
  onOpen: (item: NotificationItem) => void;
}

function NotificationRow({ item, pending, onMark, onOpen }: RowProps) {
  const unread = item.readAt === null;
  const facts = notificationFacts(item.details);
  // An invitation is answered from its e-mail: there is nowhere inside to go.
  const leadsSomewhere = item.path !== '/notifications';

  return (
    <li className={`notification${unread ? ' notification-unread' : ''}`}>
      <div className="notification-body">
        <p className="notification-meta">
          {unread && <span className="badge badge-unread">Unread</span>}
          <span className="notification-kind">{notificationLabel(item.kind)}</span>
          {item.workspace && <span className="notification-workspace">{item.workspace.name}</span>}
        </p>
        <p className="notification-title">
          {leadsSomewhere ? (
            <Link to={item.path} onClick={() => onOpen(item)}>
              {item.title}
            </Link>
          ) : (
            <strong>{item.title}</strong>
          )}
        </p>
        <p className="notification-sentence">
          {notificationSentence(item)}{' '}
          <time className="muted" dateTime={item.createdAt}>
            {formatDateTime(item.createdAt)}
          </time>
        </p>
        {facts.length > 0 && <p className="notification-facts">{facts.join(' · ')}</p>}
      </div>
      <Button variant="quiet" className="notification-mark" busy={pending} onClick={() => onMark(item, unread)}>
        {unread ? 'Mark read' : 'Mark unread'}
        <span className="visually-hidden">: {item.title}</span>
      </Button>
    </li>
  );
}
