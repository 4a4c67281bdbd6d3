import { AppShell } from './app-shell';
import { AuthLayout } from './auth-layout';
import { NotFoundPage } from './pages/not-found-page';
import { useSession } from './providers/session-context';

/** Unknown addresses stay in the shell for signed-in people instead of bouncing to sign-in. */
export function NotFoundRoute() {
  const { user } = useSession();
  if (user) {
    return (
      <AppShell>
        <NotFoundPage />
      </AppShell>
    );
  }
  return (
    <AuthLayout>
      <NotFoundPage />
    </AuthLayout>
  );
}
