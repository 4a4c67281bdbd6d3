import { type FormEvent, type ReactNode, useState } from 'react';
import { DEFAULT_GUEST_SETTINGS, GUEST_SETTINGS, LIMITS } from '../../../../shared/workspaces';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { SelectField } from '../../../components/ui/select-field';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import type { Topic, Workspace } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import type { WorkspaceInput } from '../api';
import { type DetailRow, DetailsEditor, newDetailRow } from './details-editor';
import { GuestSettingsFieldset, guestSettingField, readGuestSettings } from './guest-settings-fieldset';

export interface WorkspaceFormProps {
  /** The workspace being edited; none for a new one. */
  initial?: Workspace;
  /** null while loading or when topics could not be read; the form still works without them. */
  topics: readonly Topic[] | null;
  topicsUnavailable?: boolean;
  submitLabel: string;
  onSubmit: (input: WorkspaceInput) => Promise<void>;
  onCancel: () => void;
  /** Shown above the form, e.g. that someone else changed the workspace meanwhile. */
  notice?: ReactNode;
}

function topicOptions(topics: readonly Topic[] | null, current: Topic | null | undefined) {
  const known = [...(topics ?? [])];
  if (current && !known.some((topic) => topic.id === current.id)) known.unshift(current);
  return [{ value: '', label: 'No topic' }, ...known.map((topic) => ({ value: topic.id, label: topic.name }))];
}

function rowsFrom(workspace: Workspace | undefined): DetailRow[] {
  return (workspace?.fields ?? []).map((field) =>
    newDetailRow({ label: field.label, value: field.value, visibleToGuests: field.visibility === 'guests' }),
  );
}

/** Create and edit share one form; the server validates again and its messages land beside each field. */
export function WorkspaceForm({ initial, topics, topicsUnavailable, submitLabel, onSubmit, onCancel, notice }: WorkspaceFormProps) {
  const [rows, setRows] = useState<DetailRow[]>(() => rowsFrom(initial));
  const fieldNames = [
    'name',
    'description',
    'topicId',
    'fields',
    'guestSettings',
    ...GUEST_SETTINGS.map(guestSettingField),
    ...rows.flatMap((_, index) => [`fields.${index}.label`, `fields.${index}.value`, `fields.${index}.visibility`]),
  ];
  const { busy, errors, formRef, run, clear } = useFormSubmit(fieldNames);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const topicId = readText(form, 'topicId');
    // Rows left completely empty are dropped rather than refused.
    const filled = rows.filter((row) => row.label.trim() !== '' || row.value.trim() !== '');
    const input: WorkspaceInput = {
      name: readText(form, 'name').trim(),
      description: readText(form, 'description').trim(),
      topicId: topicId === '' ? null : topicId,
      fields: filled.map((row) => ({
        label: row.label.trim(),
        value: row.value.trim(),
        visibility: row.visibleToGuests ? 'guests' : 'internal',
      })),
      guestSettings: readGuestSettings(form),
    };
    const problems = requireFields({ name: input.name }, { name: 'Enter a name for the workspace.' });
    filled.forEach((row) => {
      const index = rows.indexOf(row);
      if (row.label.trim() === '') problems[`fields.${index}.label`] = 'Give this detail a label.';
    });
    if (filled.length !== rows.length && Object.keys(problems).length === 0) setRows(filled);
    void run(() => onSubmit(input), problems);
  }

  return (
    <form ref={formRef} className="form form-wide" noValidate onSubmit={handleSubmit}>
      {notice}
      <FormAlert messages={errors.form} />
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        required
        maxLength={LIMITS.workspaceName}
        defaultValue={initial?.name ?? ''}
        hint="For example the project, contract, order, site or machine it is about."
        error={errors.fields.name}
      />
      <TextAreaField
        label="Description"
        name="description"
        maxLength={LIMITS.description}
        defaultValue={initial?.description ?? ''}
        error={errors.fields.description}
      />
      <SelectField
        label="Topic"
        name="topicId"
        defaultValue={initial?.topic?.id ?? ''}
        options={topicOptions(topics, initial?.topic)}
        hint={topicsUnavailable ? 'Topics could not be loaded; you can set one later.' : undefined}
        error={errors.fields.topicId}
      />
      <DetailsEditor
        rows={rows}
        errors={errors.fields}
        onChange={(next) => {
          // Messages are tied to row positions, which removing a row shifts.
          if (next.length < rows.length) clear();
          setRows(next);
        }}
      />
      <GuestSettingsFieldset initial={initial?.guestSettings ?? DEFAULT_GUEST_SETTINGS} errors={errors.fields} />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
