import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { getMe, signOut } from '../../features/auth/api';
import { acceptInvitation, getInvitationPreview } from '../../features/invitations/api';
import { JoinForm } from '../../features/invitations/components/join-form';
import { useInvitationToken } from '../../features/invitations/invitation-token';
import { isApiError, toApiError } from '../../lib/api-client';
import type { InvitationPreview } from '../../lib/api-types';
import { isExtranetClosed, problemSummary } from '../../lib/problem';
import { useResource } from '../../lib/use-resource';
import { useSession } from '../providers/session-context';
import type { SignInState } from '../require-session';

/** Refusals of the link that the page explains in its own words instead of the server's. */
type Refusal = 'gone' | 'other-person' | 'has-account';
const refusalStatus: Record<number, Refusal> = { 404: 'gone', 403: 'other-person', 409: 'has-account' };

const goneMessage = 'This invitation link is not valid any more. Ask the person who invited you to send it again.';
// Back here after signing in; the token waits in sessionStorage, not in the address.
const signInState: SignInState = { from: '/invitation' };

/**
 * A link that no longer works is most often one already used: the person who accepted it opens the
 * e-mail again. So the way on is there too — signing in, or home for whoever is signed in already.
 */
function GoneNotice() {
  const { user } = useSession();
  return (
    <Alert tone="error">
      <p>{goneMessage}</p>
      <p>
        {user ? (
          <>
            Already accepted? <Link to="/">Go to your home page</Link>
          </>
        ) : (
          <>
            Already accepted? <Link to="/sign-in">Sign in</Link>
          </>
        )}
      </p>
    </Alert>
  );
}

export function InvitationPage() {
  const { token, forget } = useInvitationToken();
  const preview = useResource<InvitationPreview | null>(
    (signal) => (token ? getInvitationPreview(token, signal) : Promise.resolve(null)),
    token ?? '',
  );
  const gone = preview.error?.status === 404;
  // A dead link is of no use on a later visit either.
  useEffect(() => {
    if (gone) forget();
  }, [gone, forget]);

  if (!token) {
    return (
      <>
        <PageHeading>Invitation</PageHeading>
        <Alert tone="error" title="This link is incomplete.">
          <p>Open the full link from the invitation e-mail. It ends with “#token=” followed by a long code.</p>
        </Alert>
      </>
    );
  }
  if (preview.error) {
    return (
      <>
        <PageHeading>Invitation</PageHeading>
        {gone ? (
          <GoneNotice />
        ) : (
          <>
            <Alert tone="error">{problemSummary(preview.error.problem)}</Alert>
            <Button onClick={preview.reload}>Try again</Button>
          </>
        )}
      </>
    );
  }
  if (preview.data === null) {
    return (
      <>
        <PageHeading>Invitation</PageHeading>
        <p role="status">Loading the invitation…</p>
      </>
    );
  }
  return <InvitationDetails token={token} invitation={preview.data} onDone={forget} />;
}

function InvitationDetails({ token, invitation, onDone }: { token: string; invitation: InvitationPreview; onDone: () => void }) {
  const { instance, user, signedIn, signedOut } = useSession();
  const navigate = useNavigate();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [refusalDetail, setRefusalDetail] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const signedInAsSomeoneElse = user !== null && user.email.toLowerCase() !== invitation.email.toLowerCase();
  const shown: Refusal | null = refusal ?? (signedInAsSomeoneElse ? 'other-person' : null);

  /** Accepts; refusals the page explains are remembered, anything else is thrown to the caller. */
  async function accept(account?: { name: string; password: string }) {
    try {
      const accepted = await acceptInvitation(token, account);
      onDone();
      // The answer set the session cookie; /me brings the abilities the interface is built from.
      signedIn(await getMe());
      navigate(`/workspaces/${encodeURIComponent(accepted.workspaceId)}`, { replace: true });
    } catch (error) {
      // A closed extranet is also a 403, but the server's own words explain that one.
      const known = isApiError(error) && !isExtranetClosed(error.problem) ? refusalStatus[error.status] : undefined;
      if (!known || !isApiError(error)) throw error;
      if (known === 'gone') onDone();
      setRefusal(known);
      setRefusalDetail(error.problem.detail);
    }
  }

  async function acceptSignedIn() {
    setBusy(true);
    setFailure(null);
    try {
      await accept();
    } catch (error) {
      setFailure(problemSummary(toApiError(error).problem));
    } finally {
      setBusy(false);
    }
  }

  async function handleSignOut() {
    setBusy(true);
    try {
      await signOut();
      setRefusal(null);
      signedOut();
    } catch (error) {
      setFailure(problemSummary(toApiError(error).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading>{`${invitation.inviterName} invited you to ${invitation.workspaceName}`}</PageHeading>
      <dl className="details">
        <div>
          <dt>Organization</dt>
          <dd>{invitation.organizationName}</dd>
        </div>
        <div>
          <dt>Invitation for</dt>
          <dd>{invitation.email}</dd>
        </div>
      </dl>
      {failure && <Alert tone="error">{failure}</Alert>}
      {shown === 'gone' ? (
        <GoneNotice />
      ) : shown === 'other-person' ? (
        <Alert tone="error" title="This invitation is for another person. Sign out first.">
          {user && <p>You are signed in as {user.email}.</p>}
          {/* Same address but still refused (e.g. an employee account for a guest invitation): say why. */}
          {!signedInAsSomeoneElse && refusalDetail && <p>{refusalDetail}</p>}
          <Button busy={busy} onClick={handleSignOut}>
            Sign out
          </Button>
        </Alert>
      ) : shown === 'has-account' ? (
        <Alert tone="info" title="You already have an account. Sign in to accept.">
          <p>
            <Link to="/sign-in" state={signInState}>
              Sign in
            </Link>
          </p>
        </Alert>
      ) : user ? (
        <div className="actions">
          <Button variant="primary" busy={busy} onClick={acceptSignedIn}>
            Accept invitation
          </Button>
        </div>
      ) : (
        <>
          <p>Choose your name and a password to join.</p>
          <JoinForm email={invitation.email} passwordMinLength={instance.passwordMinLength} onJoin={accept} />
          <p className="form-footer">
            Already have an account?{' '}
            <Link to="/sign-in" state={signInState}>
              Sign in to accept
            </Link>
          </p>
        </>
      )}
    </>
  );
}
