import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldError, FieldHint, useFieldIds } from './field-parts';

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function CheckboxField({ label, hint, error, id, ...input }: CheckboxFieldProps) {
  const ids = useFieldIds(hint !== undefined, Boolean(error), id);
  return (
    <div className="field checkbox-field">
      <div className="checkbox-row">
        <input
          id={ids.inputId}
          type="checkbox"
          className="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          {...input}
        />
        <label htmlFor={ids.inputId} className="field-label">
          {label}
        </label>
      </div>
      {hint !== undefined && <FieldHint id={ids.hintId}>{hint}</FieldHint>}
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
