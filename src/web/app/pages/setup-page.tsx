import { Link, Navigate } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { PageHeading } from '../../components/ui/page-heading';
import { SetupForm } from '../../features/setup/components/setup-form';
import { useHashToken } from '../../lib/use-hash-token';
import { useSession } from '../providers/session-context';

export function SetupPage() {
  const { instance, user, signedIn, updateInstance } = useSession();
  const token = useHashToken();

  if (!instance.needsSetup) {
    // Right after setup succeeds the new administrator is signed in: take them in.
    if (user) return <Navigate to="/" replace />;
    return (
      <>
        <PageHeading>Foyer is already set up</PageHeading>
        <p>The first administrator has been created. Everyone signs in with their own account.</p>
        <p className="form-footer">
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading description="Name your organization and create the first administrator account.">Set up Foyer</PageHeading>
      {token ? (
        <SetupForm
          token={token}
          passwordMinLength={instance.passwordMinLength}
          onDone={(created, organizationName) => {
            updateInstance({ needsSetup: false, organizationName });
            signedIn(created);
          }}
        />
      ) : (
        <Alert tone="error" title="This setup link is incomplete.">
          <p>
            Open the full setup link that the server printed in its log when it started. It ends with “#token=” followed by a long code.
          </p>
        </Alert>
      )}
    </>
  );
}
