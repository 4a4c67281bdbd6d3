import { NavLink } from 'react-router';
import { Ability } from '../lib/api-types';
import { useAbility } from './providers/session-context';

/** Left navigation; on narrow screens the header's Menu button shows and hides it. */
export function MainNav({ open }: { open: boolean }) {
  const canManageUsers = useAbility(Ability.manageUsers);
  const canManageSettings = useAbility(Ability.manageSettings);
  const showAdmin = canManageUsers || canManageSettings;

  return (
    <nav id="main-nav" className="main-nav" aria-label="Main" data-open={open}>
      <ul className="nav-list">
        <li>
          <NavLink to="/profile" className="nav-link">
            Profile
          </NavLink>
        </li>
      </ul>
      {showAdmin && (
        <>
          <h2 id="nav-admin" className="nav-heading">
            Admin
          </h2>
          <ul className="nav-list" aria-labelledby="nav-admin">
            {canManageUsers && (
              <li>
                <NavLink to="/admin/people" className="nav-link">
                  People
                </NavLink>
              </li>
            )}
            {canManageSettings && (
              <li>
                <NavLink to="/admin/settings" className="nav-link">
                  Settings
                </NavLink>
              </li>
            )}
          </ul>
        </>
      )}
    </nav>
  );
}
