import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { createWebhook, type EventType, getWebhook, updateWebhook, type Webhook, type WebhookWithSecret } from '../api';
import { WebhookForm } from './webhook-form';

export type WebhookDialogState = { mode: 'create' } | { mode: 'edit'; id: string; name: string } | null;

export interface WebhookDialogProps {
  state: WebhookDialogState;
  eventTypes: readonly EventType[];
  onClose: () => void;
  onCreated: (webhook: WebhookWithSecret) => void;
  onSaved: (webhook: Webhook) => void;
}

export function WebhookDialog({ state, eventTypes, onClose, onCreated, onSaved }: WebhookDialogProps) {
  const title = state?.mode === 'edit' ? `Edit “${state.name}”` : 'Add a webhook';
  return (
    <Dialog open={state !== null} title={title} onClose={onClose}>
      {state?.mode === 'create' && (
        <WebhookForm
          webhook={null}
          eventTypes={eventTypes}
          submitLabel="Add webhook"
          onCancel={onClose}
          onSubmit={async (input) => onCreated(await createWebhook(input))}
        />
      )}
      {state?.mode === 'edit' && <EditWebhook id={state.id} eventTypes={eventTypes} onCancel={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

/** Reads the webhook afresh with its ETag, so saving cannot overwrite a change made meanwhile. */
function EditWebhook({
  id,
  eventTypes,
  onCancel,
  onSaved,
}: {
  id: string;
  eventTypes: readonly EventType[];
  onCancel: () => void;
  onSaved: (webhook: Webhook) => void;
}) {
  const current = useResource((signal) => getWebhook(id, signal), id);
  if (current.error)
    return (
      <Alert tone="error" title="The webhook could not be loaded.">
        <p>{problemSummary(current.error.problem)}</p>
        <Button onClick={current.reload}>Try again</Button>
      </Alert>
    );
  if (!current.data) return <p>Loading the webhook…</p>;
  const { data: webhook, etag } = current.data;
  return (
    <WebhookForm
      webhook={webhook}
      eventTypes={eventTypes}
      submitLabel="Save changes"
      onCancel={onCancel}
      onSubmit={async (input) => onSaved((await updateWebhook(id, input, etag)).data)}
    />
  );
}
