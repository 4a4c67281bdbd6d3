import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { EmailDelivery } from '../../../../shared/notifications';
import { Alert, FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { getMyNotificationPreferences, type NotificationPreference, saveMyNotificationPreferences } from '../api';
import '../notification-preferences.css';

export const deliveryLabels: Record<EmailDelivery, string> = {
  immediate: 'Immediately',
  digest: 'Daily digest',
  never: 'Never',
};
const deliveries = Object.keys(deliveryLabels) as EmailDelivery[];

/**
 * "Notifications" on the profile: for each kind, e-mail at once, in the daily digest, or never.
 * Native radio groups (one fieldset each), so arrow keys move within a kind and Tab between kinds.
 */
export function NotificationPreferencesSection() {
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const location = useLocation();
  const saved = useResource((signal) => getMyNotificationPreferences(signal), 'notification-preferences');
  const [choices, setChoices] = useState<Record<string, EmailDelivery>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);

  // Links in e-mails lead to /profile#notifications; the section appears only once loaded.
  const loaded = saved.data !== null;
  useEffect(() => {
    if (loaded && location.hash === '#notifications') sectionRef.current?.scrollIntoView();
  }, [loaded, location.hash]);

  const current = (p: NotificationPreference) => choices[p.kind] ?? p.delivery;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!saved.data || busy) return;
    setBusy(true);
    setFailure([]);
    setStatus(null);
    try {
      const next = await saveMyNotificationPreferences(saved.data.map((p) => ({ kind: p.kind, delivery: current(p) })));
      saved.setData(next);
      setChoices({});
      setStatus('Your notification settings have been saved.');
    } catch (error) {
      const problem = toApiError(error).problem;
      setFailure([problemSummary(problem)]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="notifications" ref={sectionRef} className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Notifications</h2>
      <p className="section-description">
        Choose how Foyer e-mails you about each kind of notification: right away, once a day in a digest, or not at all. You still see every
        notification in Foyer.
      </p>
      {saved.error ? (
        <Alert tone="error">
          <p>{problemSummary(saved.error.problem)}</p>
          <Button onClick={saved.reload}>Try again</Button>
        </Alert>
      ) : !saved.data ? (
        <p role="status">Loading your notification settings…</p>
      ) : (
        <form className="form preference-form" noValidate onSubmit={handleSubmit}>
          <FormAlert messages={failure} />
          <div className="preference-list">
            {saved.data.map((p) => (
              <PreferenceGroup
                key={p.kind}
                preference={p}
                value={current(p)}
                onChange={(delivery) => {
                  setStatus(null);
                  setChoices((before) => ({ ...before, [p.kind]: delivery }));
                }}
              />
            ))}
          </div>
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Save notification settings
            </Button>
          </div>
        </form>
      )}
      <LiveStatus message={status} />
    </section>
  );
}

function PreferenceGroup({
  preference,
  value,
  onChange,
}: {
  preference: NotificationPreference;
  value: EmailDelivery;
  onChange: (delivery: EmailDelivery) => void;
}) {
  const name = `delivery-${preference.kind}`;
  return (
    <fieldset className="preference-group">
      <legend>{preference.label}</legend>
      <div className="preference-choices">
        {deliveries.map((delivery) => (
          <label key={delivery} className="preference-choice">
            <input type="radio" name={name} value={delivery} checked={value === delivery} onChange={() => onChange(delivery)} />
            <span>
              {deliveryLabels[delivery]}
              {delivery === preference.default && <span className="preference-default"> (default)</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
