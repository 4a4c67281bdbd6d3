import { type InputHTMLAttributes, type ReactNode, useState } from 'react';
import { FieldError, FieldHint, useFieldIds } from './field-parts';

export interface PasswordFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/**
 * A password input with a "Show" toggle. The toggle's name comes from its content, not a
 * label, so looking fields up by label ("Password") still finds exactly one control.
 */
export function PasswordField({ label, hint, error, id, ...input }: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  const ids = useFieldIds(hint !== undefined, Boolean(error), id);
  return (
    <div className="field">
      <label htmlFor={ids.inputId} className="field-label">
        {label}
      </label>
      {hint !== undefined && <FieldHint id={ids.hintId}>{hint}</FieldHint>}
      <div className="password-input">
        <input
          id={ids.inputId}
          type={visible ? 'text' : 'password'}
          className="input"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          {...input}
        />
        <button
          type="button"
          className="button button-quiet password-toggle"
          aria-pressed={visible}
          aria-controls={ids.inputId}
          onClick={() => setVisible((value) => !value)}
        >
          Show<span className="visually-hidden"> {label.toLowerCase()}</span>
        </button>
      </div>
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}
