import { type FormEvent, useEffect, useState } from 'react';
import { ACTIVITY_LIMITS } from '../../../../shared/activities';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { useFormSubmit } from '../../../lib/use-form-submit';

export interface DoneFormProps {
  onSubmit: (remark: string) => Promise<void>;
  onCancel: () => void;
}

/** "Mark done": a short remark on how it went (optional), then the report. */
export function DoneForm({ onSubmit, onCancel }: DoneFormProps) {
  const form = useFormSubmit(['remark']);
  const [remark, setRemark] = useState('');

  useEffect(() => {
    form.formRef.current?.querySelector<HTMLTextAreaElement>('textarea[name="remark"]')?.focus();
  }, [form.formRef]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors: Record<string, string> = {};
    if (remark.length > ACTIVITY_LIMITS.remark)
      clientErrors.remark = `Keep the remark under ${ACTIVITY_LIMITS.remark.toLocaleString()} characters.`;
    await form.run(() => onSubmit(remark), clientErrors);
  }

  return (
    <form ref={form.formRef} className="form activity-done-form" noValidate onSubmit={submit}>
      <FormAlert messages={form.errors.form} />
      <TextAreaField
        label="Remark"
        name="remark"
        hint={`Optional: how it went, what is left to do. At most ${ACTIVITY_LIMITS.remark.toLocaleString()} characters.`}
        rows={4}
        maxLength={ACTIVITY_LIMITS.remark}
        value={remark}
        error={form.errors.fields.remark}
        onChange={(event) => setRemark(event.target.value)}
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          Report done
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
