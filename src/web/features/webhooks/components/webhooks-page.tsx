import { useId, useState } from 'react';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { PageHeading } from '../../../components/ui/page-heading';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { useConfirmedDelete } from '../../../lib/use-confirmed-delete';
import { useResource } from '../../../lib/use-resource';
import { deleteWebhook, listEventTypes, listWebhooks, rotateSecret, sendTestEvent, type Webhook } from '../api';
import { eventsSummary } from '../event-groups';
import { AllowedHostsSection } from './allowed-hosts-section';
import { DeliveryLog } from './delivery-log';
import { SecretPanel } from './secret-panel';
import { WebhookDialog, type WebhookDialogState } from './webhook-dialog';
import '../webhooks.css';

interface ShownSecret {
  name: string;
  secret: string;
  rotated: boolean;
}

/** Webhooks for integrators: what is sent where, the delivery log, and the hosts allowed inside the network. */
export function WebhooksPage() {
  const listId = useId();
  const hooks = useResource(listWebhooks, 'webhooks');
  const eventTypes = useResource(listEventTypes, 'webhook-event-types');
  const list = hooks.data ?? [];
  const [dialog, setDialog] = useState<WebhookDialogState>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [reloads, setReloads] = useState<Record<string, number>>({});
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const deletion = useConfirmedDelete<Webhook>(
    (hook) => deleteWebhook(hook.id),
    (hook) => {
      hooks.setData(list.filter((other) => other.id !== hook.id));
      setStatus(`Webhook “${hook.name}” deleted.`);
    },
  );

  const replace = (hook: Webhook) => hooks.setData(list.map((other) => (other.id === hook.id ? hook : other)));
  const showLog = (id: string) => {
    setOpen((current) => new Set(current).add(id));
    setReloads((current) => ({ ...current, [id]: (current[id] ?? 0) + 1 }));
  };

  async function act(id: string, action: () => Promise<string>) {
    setBusy(id);
    setStatus(null);
    setError(null);
    try {
      setStatus(await action());
    } catch (failure) {
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeading description="Send what happens in Foyer to other systems: each webhook posts the events it chose, signed with its secret, and retries when the receiver fails.">
        Webhooks
      </PageHeading>
      {secret && <SecretPanel key={secret.secret} {...secret} onDone={() => setSecret(null)} />}
      <section className="section" aria-labelledby={listId}>
        <h2 id={listId}>Webhooks</h2>
        <p className="section-description">
          Webhooks receive events of every workspace, internal items included, as administrators see them. See the webhooks guide for the
          payload and how to check signatures.
        </p>
        <div className="actions">
          <Button variant="primary" disabled={!eventTypes.data} onClick={() => setDialog({ mode: 'create' })}>
            Add a webhook
          </Button>
        </div>
        <LiveStatus message={status} />
        {error && <Alert tone="error">{error}</Alert>}
        {eventTypes.error && <Alert tone="error">{problemSummary(eventTypes.error.problem)}</Alert>}
        {hooks.error && <Alert tone="error">{problemSummary(hooks.error.problem)}</Alert>}
        {hooks.loading && hooks.data === null ? (
          <p>Loading webhooks…</p>
        ) : list.length === 0 ? (
          !hooks.error && <p className="empty">No webhooks yet.</p>
        ) : (
          <ul className="webhook-list" aria-label="Webhooks">
            {list.map((hook) => (
              <li key={hook.id} className="webhook-card">
                <div className="webhook-card-head">
                  <h3 className="subheading">{hook.name}</h3>
                  <span className={`badge ${hook.active ? 'badge-active' : 'badge-pending'}`}>{hook.active ? 'Active' : 'Disabled'}</span>
                </div>
                <p className="webhook-url">
                  <code>{hook.url}</code>
                </p>
                <p className="cell-note">Events: {eventsSummary(hook.events, eventTypes.data ?? [])}</p>
                <div className="row-actions webhook-actions">
                  <Button onClick={() => setDialog({ mode: 'edit', id: hook.id, name: hook.name })}>
                    Edit<VisuallyHidden> {hook.name}</VisuallyHidden>
                  </Button>
                  <Button
                    busy={busy === hook.id}
                    onClick={() =>
                      void act(hook.id, async () => {
                        await sendTestEvent(hook.id);
                        showLog(hook.id);
                        return `Test event queued for “${hook.name}”. It shows in the delivery log.`;
                      })
                    }
                  >
                    Send test event<VisuallyHidden> to {hook.name}</VisuallyHidden>
                  </Button>
                  <Button
                    aria-expanded={open.has(hook.id)}
                    aria-controls={`deliveries-${hook.id}`}
                    onClick={() =>
                      setOpen((current) => {
                        const next = new Set(current);
                        if (next.has(hook.id)) next.delete(hook.id);
                        else next.add(hook.id);
                        return next;
                      })
                    }
                  >
                    Delivery log<VisuallyHidden> of {hook.name}</VisuallyHidden>
                  </Button>
                  <Button onClick={() => setRotating(hook)}>
                    New secret<VisuallyHidden> for {hook.name}</VisuallyHidden>
                  </Button>
                  <Button variant="danger" onClick={() => deletion.ask(hook)}>
                    Delete<VisuallyHidden> {hook.name}</VisuallyHidden>
                  </Button>
                </div>
                <div id={`deliveries-${hook.id}`}>
                  {open.has(hook.id) && <DeliveryLog webhookId={hook.id} webhookName={hook.name} reloadKey={reloads[hook.id] ?? 0} />}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AllowedHostsSection />

      <WebhookDialog
        state={dialog}
        eventTypes={eventTypes.data ?? []}
        onClose={() => setDialog(null)}
        onCreated={(created) => {
          const { secret: value, ...hook } = created;
          hooks.setData([...list, hook]);
          setDialog(null);
          setStatus(null);
          setSecret({ name: hook.name, secret: value, rotated: false });
        }}
        onSaved={(saved) => {
          replace(saved);
          setDialog(null);
          setStatus(`Webhook “${saved.name}” saved.`);
        }}
      />
      <ConfirmDialog
        open={rotating !== null}
        title={rotating ? `New signing secret for “${rotating.name}”?` : 'New signing secret?'}
        confirmLabel="Make a new secret"
        busy={busy === rotating?.id}
        error={error}
        onCancel={() => setRotating(null)}
        onConfirm={() => {
          const hook = rotating;
          if (!hook) return;
          void act(hook.id, async () => {
            const rotated = await rotateSecret(hook.id);
            const { secret: value, ...rest } = rotated;
            replace(rest);
            setRotating(null);
            setSecret({ name: rest.name, secret: value, rotated: true });
            return '';
          });
        }}
      >
        <p>The next deliveries are signed with the new secret at once: update the receiver right after copying it.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={deletion.target !== null}
        title={deletion.target ? `Delete webhook “${deletion.target.name}”?` : 'Delete webhook?'}
        confirmLabel="Delete webhook"
        busy={deletion.busy}
        error={deletion.error}
        onConfirm={deletion.confirm}
        onCancel={deletion.cancel}
      >
        <p>Its delivery log goes with it, and deliveries still waiting are not sent.</p>
      </ConfirmDialog>
    </>
  );
}
