import { Link, Navigate, useLocation } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { PageHeading } from '../../components/ui/page-heading';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { safeReturnPath } from '../../lib/return-path';
import { useSession } from '../providers/session-context';
import type { SignInState } from '../require-session';

const notices = {
  'signed-out': { tone: 'success', text: 'You have signed out.' },
  expired: { tone: 'info', text: 'Your session has ended. Sign in again to continue.' },
  'password-reset': { tone: 'success', text: 'Your password has been changed. Sign in with your new password.' },
} as const;

export function SignInPage() {
  const { instance, user, signedIn } = useSession();
  const location = useLocation();
  const state = (location.state ?? {}) as SignInState;

  // Rendering (not an imperative navigate) keeps the redirect in the same update as sign-in.
  if (user) return <Navigate to={safeReturnPath(state.from)} replace />;

  const notice = state.notice ? notices[state.notice] : null;
  return (
    <>
      <PageHeading>Sign in</PageHeading>
      {instance.needsSetup && (
        <Alert tone="info" title="Foyer is not set up yet.">
          <p>To create the first administrator, open the setup link that the server printed in its log when it started.</p>
        </Alert>
      )}
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <SignInForm onSignedIn={signedIn} />
      <p className="form-footer">
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
    </>
  );
}
