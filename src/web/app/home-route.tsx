import { Navigate } from 'react-router';
import { GuestHomePage } from './pages/guest-home-page';
import { useCurrentUser } from './providers/session-context';

export function HomeRoute() {
  const user = useCurrentUser();
  if (user.kind === 'guest') return <GuestHomePage />;
  // No dashboard for employees yet: the profile is their home page.
  return <Navigate to="/profile" replace />;
}
