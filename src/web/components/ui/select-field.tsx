import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FieldError, FieldHint, useFieldIds } from './field-parts';

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
}

export function SelectField({ label, hint, error, id, options, ...select }: SelectFieldProps) {
  const ids = useFieldIds(hint !== undefined, Boolean(error), id);
  return (
    <div className="field">
      <label htmlFor={ids.inputId} className="field-label">
        {label}
      </label>
      {hint !== undefined && <FieldHint id={ids.hintId}>{hint}</FieldHint>}
      <select
        id={ids.inputId}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
