import { type FormEvent, useState } from 'react';
import { FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import { SelectField } from '../../../components/ui/select-field';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import type { ExtranetCreators, ExtranetPolicies, Settings } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { plural } from '../../../lib/format';
import { linesToList, listToLines } from '../../../lib/lines';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { updateSettings } from '../../settings/api';
import { type CountPolicy, changedPolicies, type FlagPolicy, parseCount } from '../policies';

const countFields: ReadonlyArray<{ name: CountPolicy; label: string; hint: string; min?: number }> = [
  {
    name: 'inviterQuota',
    label: 'Invitations per employee',
    hint: 'Open invitations plus active guests one employee may sponsor. 0 = unlimited.',
  },
  { name: 'guestDefaultAccessDays', label: 'Default access (days)', hint: 'End date proposed for new guests. 0 = no end date.' },
  {
    name: 'guestMaxAccessDays',
    label: 'Maximum access (days)',
    hint: 'Latest end date allowed for a guest, counted from today. 0 = no limit.',
  },
  { name: 'invitationValidityDays', label: 'Invitation link valid (days)', hint: 'How long an invitation link can be used.', min: 1 },
];

const flagFields: ReadonlyArray<{ name: FlagPolicy; label: string; hint: string }> = [
  {
    name: 'invitationApproval',
    label: 'Invitations need approval',
    hint: 'Guest invitations wait until an extranet administrator approves them.',
  },
  {
    name: 'guestsSeeOwnOrganization',
    label: 'Guests see their own organization',
    hint: 'Guests see the other guests of their external organization.',
  },
  { name: 'guestsSeeEmployeeEmails', label: "Guests see employees' e-mail addresses", hint: 'Guests never see other guests’ addresses.' },
  {
    name: 'suspendGuestsWithoutWorkspace',
    label: 'Suspend guests when their last membership ends',
    hint: 'They can no longer sign in until someone invites them again.',
  },
];

const creatorOptions: ReadonlyArray<{ value: ExtranetCreators; label: string }> = [
  { value: 'all_employees', label: 'All employees' },
  { value: 'extranet_group', label: 'Only the extranet group' },
];

const fieldNames = [
  'workspaceCreators',
  'allowedGuestDomains',
  'blockedGuestDomains',
  'guestSeatLimit',
  ...countFields.map((f) => f.name),
  ...flagFields.map((f) => f.name),
];

export function PoliciesForm({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fieldNames);
  const [saved, setSaved] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const problems: Record<string, string> = {};
    const count = (name: CountPolicy, min = 0) => {
      const value = parseCount(readText(form, name), min);
      if (value === null) problems[name] = min > 0 ? `Enter a whole number, ${min} or more.` : 'Enter a whole number, 0 or more.';
      return value ?? 0;
    };
    const next: ExtranetPolicies = {
      workspaceCreators: readText(form, 'workspaceCreators') as ExtranetCreators,
      invitationApproval: data.has('invitationApproval'),
      allowedGuestDomains: linesToList(readText(form, 'allowedGuestDomains')),
      blockedGuestDomains: linesToList(readText(form, 'blockedGuestDomains')),
      guestSeatLimit: count('guestSeatLimit'),
      inviterQuota: count('inviterQuota'),
      guestDefaultAccessDays: count('guestDefaultAccessDays'),
      guestMaxAccessDays: count('guestMaxAccessDays'),
      guestsSeeOwnOrganization: data.has('guestsSeeOwnOrganization'),
      guestsSeeEmployeeEmails: data.has('guestsSeeEmployeeEmails'),
      invitationValidityDays: count('invitationValidityDays', 1),
      suspendGuestsWithoutWorkspace: data.has('suspendGuestsWithoutWorkspace'),
    };
    setSaved(null);
    void run(async () => {
      const change = changedPolicies(next, settings);
      if (Object.keys(change).length === 0) {
        setSaved('No policy was changed.');
        return;
      }
      onSaved(await updateSettings(change));
      setSaved('Policies saved.');
    }, problems);
  }

  // Rendered in the order people think about them, not grouped by kind of control.
  function countField(name: CountPolicy) {
    const field = countFields.find((candidate) => candidate.name === name);
    if (!field) return null;
    return (
      <TextField
        label={field.label}
        name={field.name}
        type="number"
        inputMode="numeric"
        min={field.min ?? 0}
        defaultValue={settings[field.name] ?? 0}
        hint={field.hint}
        error={errors.fields[field.name]}
      />
    );
  }

  function flagField(name: FlagPolicy) {
    const field = flagFields.find((candidate) => candidate.name === name);
    if (!field) return null;
    return (
      <CheckboxField
        label={field.label}
        name={field.name}
        defaultChecked={settings[field.name] ?? false}
        hint={field.hint}
        error={errors.fields[field.name]}
      />
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <SelectField
        label="Who may create workspaces and invite guests"
        name="workspaceCreators"
        defaultValue={settings.workspaceCreators}
        options={creatorOptions}
        hint="Employees join the extranet group on the People page."
        error={errors.fields.workspaceCreators}
      />
      {flagField('invitationApproval')}
      <TextAreaField
        label="Allowed guest domains"
        name="allowedGuestDomains"
        defaultValue={listToLines(settings.allowedGuestDomains)}
        hint="One domain per line, e.g. supplier.example (subdomains included). Empty: any domain that is not blocked."
        autoCapitalize="none"
        spellCheck={false}
        error={errors.fields.allowedGuestDomains}
      />
      <TextAreaField
        label="Blocked guest domains"
        name="blockedGuestDomains"
        defaultValue={listToLines(settings.blockedGuestDomains)}
        hint="One domain per line. Guests from these domains (and their subdomains) are always refused."
        autoCapitalize="none"
        spellCheck={false}
        error={errors.fields.blockedGuestDomains}
      />
      <TextField
        label="Guest seat limit"
        name="guestSeatLimit"
        type="number"
        inputMode="numeric"
        min={0}
        defaultValue={settings.guestSeatLimit ?? 0}
        hint={`0 = unlimited. ${plural(settings.guestSeatsUsed ?? 0, 'seat', 'seats')} used.`}
        error={errors.fields.guestSeatLimit}
      />
      {countField('inviterQuota')}
      {countField('guestDefaultAccessDays')}
      {countField('guestMaxAccessDays')}
      {flagField('guestsSeeOwnOrganization')}
      {flagField('guestsSeeEmployeeEmails')}
      {countField('invitationValidityDays')}
      {flagField('suspendGuestsWithoutWorkspace')}
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save policies
        </Button>
      </div>
      <LiveStatus message={saved} />
    </form>
  );
}
