import { useId, useState } from 'react';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { DateTime } from '../../../components/ui/date-time';
import { LoadMore } from '../../../components/ui/load-more';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import { formatDateTime, plural } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { usePagedList } from '../../../lib/use-paged-list';
import { listDeliveries, redeliver, type WebhookDelivery } from '../api';
import { DELIVERY_STATE_LABELS, statusText } from '../event-groups';

const STATE_BADGE = { pending: 'badge-pending', delivered: 'badge-active', failed: 'badge-suspended' } as const;

/** A webhook's deliveries, newest first, each with its last attempts and the body that was sent. */
export function DeliveryLog({ webhookId, webhookName, reloadKey }: { webhookId: string; webhookName: string; reloadKey: number }) {
  const captionId = useId();
  const deliveries = usePagedList((cursor, signal) => listDeliveries(webhookId, cursor, signal), `${webhookId}:${reloadKey}`);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function sendAgain(delivery: WebhookDelivery) {
    setBusyId(delivery.id);
    setStatus(null);
    setError(null);
    try {
      await redeliver(delivery.id);
      deliveries.replace({ ...delivery, state: 'pending' });
      setStatus(`${delivery.eventType} queued to be sent again. Refresh to see the attempt.`);
    } catch (failure) {
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className="webhook-deliveries">
      <div className="actions">
        <Button onClick={deliveries.reload} busy={deliveries.loading}>
          Refresh<VisuallyHidden> deliveries of {webhookName}</VisuallyHidden>
        </Button>
      </div>
      <LiveStatus message={status} />
      {error && <Alert tone="error">{error}</Alert>}
      {deliveries.error && <Alert tone="error">{problemSummary(deliveries.error.problem)}</Alert>}
      {deliveries.loading && deliveries.items.length === 0 ? (
        <p>Loading deliveries…</p>
      ) : deliveries.items.length === 0 ? (
        !deliveries.error && <p className="empty">No deliveries yet. Send a test event to try the receiver.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
          <table className="table webhook-delivery-table">
            <caption id={captionId} className="visually-hidden">
              Deliveries of {webhookName}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Event</th>
                <th scope="col">State</th>
                <th scope="col">Last answer</th>
                <th scope="col">Attempts</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.items.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <DateTime iso={delivery.createdAt} />
                  </td>
                  <td>
                    <code>{delivery.eventType}</code>
                  </td>
                  <td>
                    <span className={`badge ${STATE_BADGE[delivery.state]}`}>{DELIVERY_STATE_LABELS[delivery.state]}</span>
                  </td>
                  <td>
                    {delivery.attempts === 0 ? <span className="empty">Not tried yet</span> : statusText(delivery.lastStatusCode)}
                    {delivery.lastError && <span className="cell-note cell-wrap">{delivery.lastError}</span>}
                  </td>
                  <td className="webhook-attempts-cell">
                    <details>
                      <summary>
                        {plural(delivery.attempts, 'attempt', 'attempts')}
                        <VisuallyHidden> of delivery {delivery.id}</VisuallyHidden>
                      </summary>
                      {delivery.recentAttempts.length > 0 && (
                        <ol className="plain-list">
                          {delivery.recentAttempts.map((attempt) => (
                            <li key={attempt.at}>
                              <DateTime iso={attempt.at} />: {statusText(attempt.statusCode)} in {attempt.durationMs} ms
                              {attempt.error && <span className="cell-note cell-wrap">{attempt.error}</span>}
                            </li>
                          ))}
                        </ol>
                      )}
                      <p className="cell-note">Body sent (id {delivery.id}):</p>
                      <pre className="audit-json">{JSON.stringify(delivery.payload, null, 2)}</pre>
                    </details>
                  </td>
                  <td>
                    {delivery.state !== 'pending' && (
                      <Button busy={busyId === delivery.id} onClick={() => void sendAgain(delivery)}>
                        Send again
                        <VisuallyHidden>
                          {' '}
                          {delivery.eventType} of {formatDateTime(delivery.createdAt)}
                        </VisuallyHidden>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <LoadMore hasMore={deliveries.nextCursor !== null} loading={deliveries.loadingMore} onLoadMore={deliveries.loadMore} />
    </div>
  );
}
