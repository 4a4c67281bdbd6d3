import { type ReactNode, useId } from 'react';

export interface FieldIds {
  inputId: string;
  hintId: string;
  errorId: string;
  describedBy: string | undefined;
}

/** Ids that tie a control to its hint and error so screen readers read them with the label. */
export function useFieldIds(hasHint: boolean, hasError: boolean, id?: string): FieldIds {
  const generated = useId();
  const inputId = id ?? `field${generated}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const parts = [hasError ? errorId : null, hasHint ? hintId : null].filter(Boolean);
  return { inputId, hintId, errorId, describedBy: parts.length > 0 ? parts.join(' ') : undefined };
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field-hint">
      {children}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
