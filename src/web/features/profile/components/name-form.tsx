import { type FormEvent, useState } from 'react';
import { FormAlert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import type { User } from '../../../lib/api-types';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { updateMyName } from '../api';

const fields = ['name'] as const;

export function NameForm({ user, onSaved }: { user: User; onSaved: (user: User) => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);
  const [saved, setSaved] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { name: readText(event.currentTarget, 'name').trim() };
    setSaved(false);
    void run(
      async () => {
        onSaved(await updateMyName(values.name));
        setSaved(true);
      },
      requireFields(values, { name: 'Enter your name.' }),
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={user.name}
        hint="How other people see you in Foyer."
        error={errors.fields.name}
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save name
        </Button>
      </div>
      <LiveStatus message={saved ? 'Your name has been saved.' : null} />
    </form>
  );
}
