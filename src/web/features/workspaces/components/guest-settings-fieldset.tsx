import { DEFAULT_GUEST_SETTINGS, GUEST_SETTINGS } from '../../../../shared/workspaces';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import type { GuestSettings } from '../../../lib/api-types';
import { guestSettingLabels } from '../labels';

/** Field name of a guest setting checkbox; matches the server's error path "/guestSettings/…". */
export const guestSettingField = (setting: string) => `guestSettings.${setting}`;

export function readGuestSettings(form: HTMLFormElement): GuestSettings {
  const data = new FormData(form);
  const settings = { ...DEFAULT_GUEST_SETTINGS };
  for (const setting of GUEST_SETTINGS) settings[setting] = data.has(guestSettingField(setting));
  return settings;
}

export function GuestSettingsFieldset({ initial, errors }: { initial: GuestSettings; errors: Record<string, string> }) {
  return (
    <fieldset className="fieldset form-group">
      <legend className="form-group-title">What guests may do</legend>
      {GUEST_SETTINGS.map((setting) => (
        <CheckboxField
          key={setting}
          label={guestSettingLabels[setting]}
          name={guestSettingField(setting)}
          defaultChecked={initial[setting]}
          error={errors[guestSettingField(setting)]}
        />
      ))}
      {errors.guestSettings && <p className="field-error">{errors.guestSettings}</p>}
    </fieldset>
  );
}
