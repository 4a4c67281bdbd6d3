import { NavLink } from 'react-router';
import { Button } from '../../../components/ui/button';
import { NotificationsNavLink } from '../../notifications/components/notifications-nav-link';
import { useGuestWorkspaces } from '../guest-workspaces';

/** The guest's simple menu: their own lists first, then the workspaces they were invited to. */
export function GuestNav({ open }: { open: boolean }) {
  const workspaces = useGuestWorkspaces();

  return (
    <nav id="main-nav" className="main-nav" aria-label="Main" data-open={open}>
      <ul className="nav-list">
        <li>
          <NotificationsNavLink />
        </li>
        <li>
          <NavLink to="/my-tasks" className="nav-link">
            My tasks
          </NavLink>
        </li>
        <li>
          <NavLink to="/planned-activities" className="nav-link">
            Planned activities
          </NavLink>
        </li>
      </ul>
      <h2 id="nav-workspaces" className="nav-heading">
        Your workspaces
      </h2>
      {workspaces.loading && workspaces.items.length === 0 ? (
        <p className="nav-note">Loading…</p>
      ) : workspaces.error && workspaces.items.length === 0 ? (
        <div className="nav-note">
          <p>Your workspaces could not be loaded.</p>
          <Button onClick={workspaces.reload}>Try again</Button>
        </div>
      ) : workspaces.items.length === 0 ? (
        <p className="nav-note">None yet.</p>
      ) : (
        <ul className="nav-list" aria-labelledby="nav-workspaces">
          {workspaces.items.map((workspace) => (
            <li key={workspace.id}>
              <NavLink to={`/workspaces/${encodeURIComponent(workspace.id)}`} className="nav-link">
                {workspace.name}
              </NavLink>
            </li>
          ))}
        </ul>
      )}
      {workspaces.nextCursor !== null && (
        <div className="nav-note">
          <Button busy={workspaces.loadingMore} onClick={workspaces.loadMore}>
            Show more workspaces
          </Button>
        </div>
      )}
      <ul className="nav-list nav-list-last">
        <li>
          <NavLink to="/profile" className="nav-link">
            Profile
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
