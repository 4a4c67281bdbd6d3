import { useEffect, useId, useRef, useState } from 'react';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { LoadMore } from '../../../components/ui/load-more';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { usePagedList } from '../../../lib/use-paged-list';
import { type ApiToken, type CreatedApiToken, listMyTokens, revokeMyToken } from '../api';
import { NewTokenForm } from './new-token-form';
import { NewTokenSecret } from './new-token-secret';
import { TokenTable } from './token-table';

/** Personal API tokens: list, create (secret shown once), revoke after confirming. */
export function ApiTokens() {
  const headingId = useId();
  const list = usePagedList(listMyTokens, 'tokens');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  // The button that had focus disappears (revoked row, finished secret), so keep the reader
  // here. In an effect so it runs after the dialog has closed and the page is no longer inert.
  useEffect(() => {
    if (focusRequest > 0) headingRef.current?.focus();
  }, [focusRequest]);
  const focusSection = () => setFocusRequest((count) => count + 1);

  async function confirmRevoke() {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await revokeMyToken(revoking.id);
      list.remove(revoking.id);
      setStatus(`Token “${revoking.name}” has been revoked.`);
      setRevoking(null);
      focusSection();
    } catch (error) {
      setRevokeError(problemSummary(toApiError(error).problem));
    } finally {
      setRevokeBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        API tokens
      </h2>
      <p className="section-description">
        Tokens let scripts and other tools use Foyer’s API on your behalf. Revoke a token as soon as it is no longer needed.
      </p>
      <LiveStatus message={status} />
      {created ? (
        <NewTokenSecret
          token={created}
          onDone={() => {
            setCreated(null);
            focusSection();
          }}
        />
      ) : (
        <NewTokenForm
          onCreated={(token) => {
            setStatus(null);
            setCreated(token);
            list.reload();
          }}
        />
      )}
      <div className="section-block">
        {list.error && <Alert tone="error">{problemSummary(list.error.problem)}</Alert>}
        {list.loading ? (
          <p>Loading tokens…</p>
        ) : list.items.length === 0 ? (
          !list.error && <p className="empty">You have no API tokens.</p>
        ) : (
          <TokenTable
            tokens={list.items}
            onRevoke={(token) => {
              setRevokeError(null);
              setRevoking(token);
            }}
          />
        )}
        <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoadMore={list.loadMore} />
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke token?"
        confirmLabel="Revoke token"
        busy={revokeBusy}
        error={revokeError}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      >
        <p>Anything using “{revoking?.name}” will stop working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
