import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from './api-client';
import { checkFieldsMessage, type FormErrors, problemToFormErrors } from './problem';

const noErrors: FormErrors = { form: [], fields: {} };

export interface FormSubmit {
  busy: boolean;
  errors: FormErrors;
  formRef: RefObject<HTMLFormElement | null>;
  /** Runs `action` unless `clientErrors` has entries; resolves to whether it succeeded. */
  run: (action: () => Promise<void>, clientErrors?: Record<string, string>) => Promise<boolean>;
  clear: () => void;
}

/**
 * Shared plumbing for every form: one request at a time, server problems mapped onto the
 * form's own fields, and focus moved to the first field that needs attention.
 */
export function useFormSubmit(fields: readonly string[]): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const formRef = useRef<HTMLFormElement | null>(null);
  const busyRef = useRef(false);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;

  useEffect(() => {
    if (errors === noErrors) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [errors]);

  const run = useCallback(async (action: () => Promise<void>, clientErrors: Record<string, string> = {}) => {
    if (busyRef.current) return false;
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ form: [checkFieldsMessage], fields: clientErrors });
      return false;
    }
    busyRef.current = true;
    setBusy(true);
    setErrors(noErrors);
    try {
      await action();
      return true;
    } catch (error) {
      setErrors(problemToFormErrors(toApiError(error).problem, fieldsRef.current));
      return false;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => setErrors(noErrors), []);

  return { busy, errors, formRef, run, clear };
}
