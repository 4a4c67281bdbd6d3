import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { toApiError } from '../../lib/api-client';
import { problemSummary } from '../../lib/problem';
import { useHashToken } from '../../lib/use-hash-token';
import { useResource } from '../../lib/use-resource';
import { confirmUnsubscribe, previewUnsubscribe, type UnsubscribePreview } from './api';
import { deliveryLabels } from './components/notification-preferences-section';

const SETTINGS = '/profile#notifications';

/**
 * The token comes in the fragment (links in the e-mail body) or, from mail clients that open the
 * List-Unsubscribe address in a browser, in the query; either way it leaves the address bar at once.
 */
function useLinkToken(): string | null {
  const fromHash = useHashToken();
  const location = useLocation();
  const navigate = useNavigate();
  const [fromQuery] = useState(() => new URLSearchParams(location.search).get('token')?.trim() || null);
  useEffect(() => {
    if (new URLSearchParams(location.search).has('token'))
      navigate({ pathname: location.pathname, hash: location.hash }, { replace: true, state: location.state });
  }, [location.search, location.pathname, location.hash, location.state, navigate]);
  return fromHash ?? fromQuery;
}

/** Public: opened from an e-mail, signed in or not. Opening it changes nothing; the button does. */
export function UnsubscribePage() {
  const token = useLinkToken();
  const preview = useResource<UnsubscribePreview | null>(
    (signal) => (token ? previewUnsubscribe(token, signal) : Promise.resolve(null)),
    token ?? '',
  );

  if (!token) {
    return (
      <>
        <PageHeading>Unsubscribe</PageHeading>
        <Alert tone="error" title="This link is incomplete.">
          <p>Open the full link from the e-mail. It ends with “#token=” followed by a long code.</p>
        </Alert>
        <SettingsLink />
      </>
    );
  }
  if (preview.error) {
    return (
      <>
        <PageHeading>Unsubscribe</PageHeading>
        <Alert tone="error">
          {preview.error.status === 404
            ? 'This link is not valid. Use the link from a recent e-mail, or change your notification settings after signing in.'
            : problemSummary(preview.error.problem)}
        </Alert>
        {preview.error.status !== 404 && <Button onClick={preview.reload}>Try again</Button>}
        <SettingsLink />
      </>
    );
  }
  if (!preview.data) {
    return (
      <>
        <PageHeading>Unsubscribe</PageHeading>
        <p role="status">Checking the link…</p>
      </>
    );
  }
  return <Confirm token={token} preview={preview.data} />;
}

function Confirm({ token, preview }: { token: string; preview: UnsubscribePreview }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(preview.delivery === 'never');
  const [failure, setFailure] = useState<string | null>(null);
  const digest = preview.kind === 'digest';
  const what = digest ? 'the daily digest' : `“${preview.label}”`;

  async function stop() {
    setBusy(true);
    setFailure(null);
    try {
      await confirmUnsubscribe(token);
      setDone(true);
    } catch (error) {
      setFailure(problemSummary(toApiError(error).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading>Unsubscribe</PageHeading>
      {done ? (
        <Alert tone="success" title="Done.">
          <p>
            {preview.email} gets no more e-mails about {what}. You still see these notifications in Foyer.
          </p>
        </Alert>
      ) : (
        <>
          <p>
            E-mails to <strong>{preview.email}</strong> about {what}:{' '}
            {digest ? 'sent once a day' : deliveryLabels[preview.delivery].toLowerCase()}.
          </p>
          <p>
            {digest
              ? 'Stopping the digest switches every kind of notification it gathers to “never”.'
              : 'Stopping them switches this kind of notification to “never”. Other kinds are not changed.'}
          </p>
          {failure && <Alert tone="error">{failure}</Alert>}
          <div className="actions">
            <Button variant="primary" busy={busy} onClick={() => void stop()}>
              {digest ? 'Stop the daily digest' : 'Stop these e-mails'}
            </Button>
          </div>
        </>
      )}
      <SettingsLink />
    </>
  );
}

function SettingsLink() {
  return (
    <p className="form-footer">
      <Link to={SETTINGS}>Change your notification settings</Link>
    </p>
  );
}
