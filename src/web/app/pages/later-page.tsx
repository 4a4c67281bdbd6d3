import { PageHeading } from '../../components/ui/page-heading';

/** An honest placeholder for a menu entry whose feature is not built yet. */
function LaterPage({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="empty">Nothing here yet: {what} arrive in a later version of Foyer.</p>
    </>
  );
}

export const NotificationsPage = () => <LaterPage title="Notifications" what="notifications" />;
