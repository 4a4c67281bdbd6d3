import { Link, useNavigate } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { PageHeading } from '../../components/ui/page-heading';
import { ResetPasswordForm } from '../../features/auth/components/reset-password-form';
import { useHashToken } from '../../lib/use-hash-token';
import { useSession } from '../providers/session-context';
import type { SignInState } from '../require-session';

export function ResetPasswordPage() {
  const { instance } = useSession();
  const token = useHashToken();
  const navigate = useNavigate();

  return (
    <>
      <PageHeading>Choose a new password</PageHeading>
      {token ? (
        <ResetPasswordForm
          token={token}
          passwordMinLength={instance.passwordMinLength}
          onDone={() => {
            const state: SignInState = { notice: 'password-reset' };
            navigate('/sign-in', { replace: true, state });
          }}
        />
      ) : (
        <Alert tone="error" title="This link is incomplete.">
          <p>Open the full link from the e-mail, or ask for a new one.</p>
        </Alert>
      )}
      <p className="form-footer">
        <Link to="/forgot-password">Ask for a new link</Link>
      </p>
    </>
  );
}
