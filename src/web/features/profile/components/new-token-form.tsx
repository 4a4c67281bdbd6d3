import type { FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { readText } from '../../../lib/form-values';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { requireFields } from '../../../lib/validate';
import { type CreatedApiToken, createMyToken } from '../api';

const fields = ['name'] as const;

export function NewTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { busy, errors, formRef, run } = useFormSubmit(fields);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = { name: readText(form, 'name').trim() };
    void run(
      async () => {
        onCreated(await createMyToken(values.name));
        form.reset();
      },
      requireFields(values, { name: 'Say what the token is for.' }),
    );
  }

  return (
    <form ref={formRef} className="form form-inline" noValidate onSubmit={handleSubmit}>
      <FormAlert messages={errors.form} />
      <TextField
        label="Token label"
        name="name"
        autoComplete="off"
        required
        hint="What will use it, for example “backup script”."
        error={errors.fields.name}
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Create token
        </Button>
      </div>
    </form>
  );
}
