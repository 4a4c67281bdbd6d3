import { type FormEvent, useId, useState } from 'react';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import { FieldError } from '../../../components/ui/field-parts';
import { TextField } from '../../../components/ui/text-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import type { EventType, Webhook, WebhookInput } from '../api';
import { groupEventTypes } from '../event-groups';

const fields = ['name', 'url', 'events', 'active'] as const;

export interface WebhookFormProps {
  /** The webhook being edited; null to create one. */
  webhook: Webhook | null;
  eventTypes: readonly EventType[];
  submitLabel: string;
  onSubmit: (input: WebhookInput) => Promise<void>;
  onCancel: () => void;
}

/** Name, target URL, the events it receives (grouped, one checkbox each) and whether it is active. */
export function WebhookForm({ webhook, eventTypes, submitLabel, onSubmit, onCancel }: WebhookFormProps) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(webhook?.events ?? []));
  const eventsId = useId();
  const eventsErrorId = `${eventsId}-error`;
  const groups = groupEventTypes(eventTypes);

  function toggle(type: string, checked: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (checked) next.add(type);
      else next.delete(type);
      return next;
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input: WebhookInput = {
      name: readText(form, 'name').trim(),
      url: readText(form, 'url').trim(),
      // The server's order, whatever order they were ticked in.
      events: eventTypes.map((t) => t.type).filter((type) => chosen.has(type)),
      active: new FormData(form).get('active') === 'on',
    };
    const missing = requireFields(
      { name: input.name, url: input.url, events: input.events.join(',') },
      { name: 'Enter a name for the webhook.', url: 'Enter the URL deliveries go to.', events: 'Choose at least one event.' },
    );
    void run(() => onSubmit(input), missing);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        required
        maxLength={200}
        defaultValue={webhook?.name ?? ''}
        error={errors.fields.name}
      />
      <TextField
        label="URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={2000}
        defaultValue={webhook?.url ?? ''}
        hint="Use https://. Hosts on private, loopback or link-local addresses are refused unless they are allowed below."
        error={errors.fields.url}
      />
      <fieldset
        className="filter-group webhook-events"
        aria-describedby={errors.fields.events ? eventsErrorId : undefined}
        aria-invalid={errors.fields.events ? true : undefined}
      >
        <legend className="field-label">Events</legend>
        <div className="actions">
          <Button onClick={() => setChosen(new Set(eventTypes.map((t) => t.type)))}>Choose every event</Button>
          <Button onClick={() => setChosen(new Set())}>Clear</Button>
        </div>
        {groups.map((group) => (
          <fieldset key={group.key} className="filter-group webhook-event-group">
            <legend>{group.label}</legend>
            {group.types.map((type) => (
              <CheckboxField
                key={type.type}
                label={type.type}
                hint={type.description}
                checked={chosen.has(type.type)}
                onChange={(event) => toggle(type.type, event.target.checked)}
              />
            ))}
          </fieldset>
        ))}
        <FieldError id={eventsErrorId} message={errors.fields.events} />
      </fieldset>
      <CheckboxField
        label="Active"
        name="active"
        defaultChecked={webhook?.active ?? true}
        hint="A disabled webhook gets no new deliveries; test events are still sent."
        error={errors.fields.active}
      />
      <div className="actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
