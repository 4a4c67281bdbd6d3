import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldError, FieldHint, useFieldIds } from './field-parts';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function TextField({ label, hint, error, id, className, type = 'text', ...input }: TextFieldProps) {
  const ids = useFieldIds(hint !== undefined, Boolean(error), id);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={ids.inputId} className="field-label">
        {label}
      </label>
      {hint !== undefined && <FieldHint id={ids.hintId}>{hint}</FieldHint>}
      <input
        id={ids.inputId}
        type={type}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
