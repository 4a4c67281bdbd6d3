import { useState } from 'react';
import { LiveStatus } from '../../../components/ui/alert';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import { toApiError } from '../../../lib/api-client';
import type { Settings } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { updateSettings } from '../../settings/api';

/** Takes effect as soon as it is ticked: switching the extranet off must not wait for a save button. */
export function ExtranetSwitch({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(null);
  // Follows the click at once (as a checkbox should) and goes back if the server refuses.
  const [checked, setChecked] = useState(settings.extranetEnabled);

  async function toggle(enabled: boolean) {
    if (busy) return;
    setChecked(enabled);
    setBusy(true);
    setError(undefined);
    setStatus(null);
    try {
      const saved = await updateSettings({ extranetEnabled: enabled });
      onSaved(saved);
      setChecked(saved.extranetEnabled);
      setStatus(saved.extranetEnabled ? 'The extranet is on.' : 'The extranet is off. Guests cannot sign in until it is on again.');
    } catch (failure) {
      setChecked(!enabled);
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form">
      <CheckboxField
        label="Extranet enabled"
        name="extranetEnabled"
        checked={checked}
        aria-busy={busy || undefined}
        onChange={(event) => toggle(event.target.checked)}
        hint="Saved at once. Off: no invitation is sent or accepted and guests cannot sign in. Nothing is deleted."
        error={error}
      />
      <LiveStatus message={status} />
    </div>
  );
}
