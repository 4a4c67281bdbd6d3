import { useEffect, useRef } from 'react';
import { LIMITS } from '../../../../shared/workspaces';
import { Button } from '../../../components/ui/button';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import { TextField } from '../../../components/ui/text-field';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';

export interface DetailRow {
  /** Stable React key: rows can be removed from the middle. */
  key: string;
  label: string;
  value: string;
  visibleToGuests: boolean;
}

export interface DetailsEditorProps {
  rows: readonly DetailRow[];
  errors: Record<string, string>;
  onChange: (rows: DetailRow[]) => void;
}

let nextKey = 0;
export function newDetailRow(from?: Partial<Omit<DetailRow, 'key'>>): DetailRow {
  nextKey += 1;
  // New details start internal: sharing with guests should be a decision, not an accident.
  return { key: `detail-${nextKey}`, label: '', value: '', visibleToGuests: false, ...from };
}

/** Item details (serial number, contract end, address, …), each visible to guests or internal. */
export function DetailsEditor({ rows, errors, onChange }: DetailsEditorProps) {
  const focusKey = useRef<string | null>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const full = rows.length >= LIMITS.fields;

  useEffect(() => {
    if (focusKey.current === null) return;
    document.getElementById(`${focusKey.current}-label`)?.focus();
    focusKey.current = null;
  });

  function update(index: number, change: Partial<DetailRow>) {
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  function add() {
    const row = newDetailRow();
    focusKey.current = row.key;
    onChange([...rows, row]);
  }

  function remove(index: number) {
    onChange(rows.filter((_, i) => i !== index));
    // The removed row's button had focus; keep the keyboard in the editor.
    addButtonRef.current?.focus();
  }

  return (
    <fieldset className="fieldset form-group">
      <legend className="form-group-title">Item details</legend>
      <p className="field-hint">
        Facts about what this workspace is for, such as a serial number, a contract end date or an address. Guests see only the details
        marked “Visible to guests”.
      </p>
      {rows.map((row, index) => {
        const prefix = `fields.${index}`;
        return (
          <fieldset key={row.key} className="detail-row">
            <legend className="visually-hidden">Detail {index + 1}</legend>
            <TextField
              id={`${row.key}-label`}
              label="Label"
              maxLength={LIMITS.fieldLabel}
              value={row.label}
              onChange={(event) => update(index, { label: event.target.value })}
              error={errors[`${prefix}.label`]}
            />
            <TextField
              label="Value"
              maxLength={LIMITS.fieldValue}
              value={row.value}
              onChange={(event) => update(index, { value: event.target.value })}
              error={errors[`${prefix}.value`]}
            />
            <CheckboxField
              label="Visible to guests"
              checked={row.visibleToGuests}
              onChange={(event) => update(index, { visibleToGuests: event.target.checked })}
              error={errors[`${prefix}.visibility`]}
            />
            <Button variant="quiet" className="detail-remove" onClick={() => remove(index)}>
              Remove<VisuallyHidden> detail {row.label.trim() || index + 1}</VisuallyHidden>
            </Button>
          </fieldset>
        );
      })}
      {errors.fields && <p className="field-error">{errors.fields}</p>}
      <div className="actions">
        <Button ref={addButtonRef} onClick={add} disabled={full}>
          Add detail
        </Button>
        {full && <span className="field-hint">A workspace can have up to {LIMITS.fields} details.</span>}
      </div>
    </fieldset>
  );
}
