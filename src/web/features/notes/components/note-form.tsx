import { type FormEvent, useEffect, useState } from 'react';
import { NOTE_LIMITS, NOTE_VISIBILITIES } from '../../../../shared/notes';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { SelectField } from '../../../components/ui/select-field';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import { useFormSubmit } from '../../../lib/use-form-submit';
import type { NewNote, NoteChange } from '../api';
import { noteVisibilityHints, noteVisibilityLabels } from '../labels';
import type { Note, NoteVisibility } from '../types';

const fields = ['title', 'body', 'visibility'] as const;
const visibilityOptions = NOTE_VISIBILITIES.map((value) => ({ value, label: noteVisibilityLabels[value] }));

interface NoteFormBase {
  /** Employees choose shared or internal. */
  canChooseVisibility: boolean;
  onCancel: () => void;
}

export type NoteFormProps = NoteFormBase &
  (
    | { mode: 'create'; note?: undefined; onSubmit: (input: NewNote) => Promise<void> }
    | {
        mode: 'edit';
        note: Note;
        /** Unsaved changes kept over a reload: the form starts with them on top of `note` (and saves them unless undone). */
        draft?: NoteChange;
        onSubmit: (change: NoteChange) => Promise<void>;
      }
  );

/** Writing a note and editing one: title, Markdown text and, for employees, who may read it. */
export function NoteForm(props: NoteFormProps) {
  const { note, canChooseVisibility, onCancel } = props;
  const form = useFormSubmit(fields);
  const draft = props.mode === 'edit' ? props.draft : undefined;
  const [title, setTitle] = useState(draft?.title ?? note?.title ?? '');
  const [body, setBody] = useState(draft?.body ?? note?.body ?? '');
  const [visibility, setVisibility] = useState<NoteVisibility>(draft?.visibility ?? note?.visibility ?? 'shared');

  useEffect(() => {
    form.formRef.current?.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
  }, [form.formRef]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedTitle = title.trim();
    const clientErrors: Record<string, string> = {};
    if (trimmedTitle === '') clientErrors.title = 'Enter a title.';
    await form.run(async () => {
      if (props.mode === 'create') {
        await props.onSubmit({ title: trimmedTitle, body, ...(canChooseVisibility ? { visibility } : {}) });
        return;
      }
      const change: NoteChange = {};
      if (trimmedTitle !== props.note.title) change.title = trimmedTitle;
      if (body !== props.note.body) change.body = body;
      if (canChooseVisibility && visibility !== props.note.visibility) change.visibility = visibility;
      await props.onSubmit(change);
    }, clientErrors);
  }

  return (
    <form ref={form.formRef} className="form form-wide note-form" noValidate onSubmit={submit}>
      <FormAlert messages={form.errors.form} />
      <TextField
        label="Title"
        name="title"
        required
        maxLength={NOTE_LIMITS.title}
        autoComplete="off"
        value={title}
        error={form.errors.fields.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextAreaField
        label="Text"
        name="body"
        className="note-body-field"
        hint="Markdown: # heading, - list item, **bold**, [link text](https://…). HTML is shown as text; images are shown as links."
        rows={14}
        maxLength={NOTE_LIMITS.body}
        value={body}
        error={form.errors.fields.body}
        onChange={(event) => setBody(event.target.value)}
      />
      {canChooseVisibility && (
        <SelectField
          label="Visibility"
          name="visibility"
          hint={noteVisibilityHints[visibility]}
          value={visibility}
          options={visibilityOptions}
          error={form.errors.fields.visibility}
          onChange={(event) => setVisibility(event.target.value as NoteVisibility)}
        />
      )}
      <div className="actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {props.mode === 'create' ? 'Save note' : 'Save changes'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
