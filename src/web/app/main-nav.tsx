import { NavLink } from 'react-router';
import { Ability } from '../lib/api-types';
import { useAbility } from './providers/session-context';

/** Left navigation; on narrow screens the header's Menu button shows and hides it. */
export function MainNav({ open }: { open: boolean }) {
  const canManageUsers = useAbility(Ability.manageUsers);
  const canManageSettings = useAbility(Ability.manageSettings);
  const canManageExtranet = useAbility(Ability.manageExtranet);
  const canApprove = useAbility(Ability.approveInvitations);
  const canManageWebhooks = useAbility(Ability.manageWebhooks);
  const showPeople = canManageUsers || canManageExtranet;
  const showAdmin = showPeople || canManageSettings || canApprove || canManageWebhooks;

  return (
    <nav id="main-nav" className="main-nav" aria-label="Main" data-open={open}>
      <ul className="nav-list">
        <li>
          <NavLink to="/workspaces" className="nav-link">
            Workspaces
          </NavLink>
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
            {showPeople && (
              <li>
                <NavLink to="/admin/people" className="nav-link">
                  People
                </NavLink>
              </li>
            )}
            {canManageExtranet && (
              <li>
                <NavLink to="/admin/extranet" className="nav-link">
                  Extranet
                </NavLink>
              </li>
            )}
            {canManageExtranet && (
              <li>
                <NavLink to="/admin/exposure" className="nav-link">
                  Exposure
                </NavLink>
              </li>
            )}
            {canManageExtranet && (
              <li>
                <NavLink to="/admin/audit" className="nav-link">
                  Audit log
                </NavLink>
              </li>
            )}
            {canManageWebhooks && (
              <li>
                <NavLink to="/admin/webhooks" className="nav-link">
                  Webhooks
                </NavLink>
              </li>
            )}
            {canApprove && (
              <li>
                <NavLink to="/admin/approvals" className="nav-link">
                  Approvals
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
