import { type FormEvent, useState } from 'react';
import { FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import { TextField } from '../../../components/ui/text-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { type Settings, type SettingsChange, updateSettings } from '../api';

const fields = ['organizationName', 'extranetEnabled'] as const;

export function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  const [saved, setSaved] = useState(false);
  const canUpdate = settings.abilities.includes('update');
  // Extranet administrators change the policies but not the organization's name.
  const canRename = settings.abilities.includes('rename');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = {
      organizationName: readText(form, 'organizationName').trim(),
      extranetEnabled: new FormData(form).has('extranetEnabled'),
    };
    // Only what changed, so a save here never undoes a change made meanwhile on another page.
    const change: SettingsChange = {};
    if (canRename && values.organizationName !== (settings.organizationName ?? '')) change.organizationName = values.organizationName;
    if (values.extranetEnabled !== settings.extranetEnabled) change.extranetEnabled = values.extranetEnabled;
    setSaved(false);
    void run(
      async () => {
        if (Object.keys(change).length > 0) onSaved(await updateSettings(change));
        setSaved(true);
      },
      canRename
        ? requireFields({ organizationName: values.organizationName }, { organizationName: 'Enter the name of your organization.' })
        : {},
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      {!canUpdate && <p className="field-hint">You can see these settings but not change them.</p>}
      <FormAlert messages={errors.form} />
      <fieldset className="fieldset" disabled={!canUpdate}>
        <TextField
          label="Organization name"
          name="organizationName"
          autoComplete="organization"
          required
          defaultValue={settings.organizationName ?? ''}
          readOnly={!canRename}
          hint={canRename ? 'Shown in the header and on the sign-in page.' : 'Only administrators change the name.'}
          error={errors.fields.organizationName}
        />
        <CheckboxField
          label="Extranet enabled (guests and invitations)"
          name="extranetEnabled"
          defaultChecked={settings.extranetEnabled}
          hint="Off by default. Lets your organization work with people from partner organizations in shared workspaces. Its policies are on the Extranet page."
          error={errors.fields.extranetEnabled}
        />
      </fieldset>
      {canUpdate && (
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy}>
            Save settings
          </Button>
        </div>
      )}
      <LiveStatus message={saved ? 'Settings saved.' : null} />
    </form>
  );
}
