import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { FieldError, FieldHint, useFieldIds } from './field-parts';

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function TextAreaField({ label, hint, error, id, className, rows = 4, ...textarea }: TextAreaFieldProps) {
  const ids = useFieldIds(hint !== undefined, Boolean(error), id);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={ids.inputId} className="field-label">
        {label}
      </label>
      {hint !== undefined && <FieldHint id={ids.hintId}>{hint}</FieldHint>}
      <textarea
        id={ids.inputId}
        className="input textarea"
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...textarea}
      />
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
