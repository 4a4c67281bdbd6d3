import { Alert } from './alert';
import { TextAreaField } from './text-area-field';

/** A field that the person and someone else both changed: what the other person saved. */
export interface TheirChange {
  /** The field's name as the form shows it, e.g. "Description". */
  label: string;
  /** Their text, shown to copy from; null for fields that are not text (only named then). */
  value: string | null;
}

export interface KeptDraftNoticeProps {
  /** What is edited, e.g. "task". */
  what: string;
  theirs: readonly TheirChange[];
}

const rowsFor = (text: string) => Math.min(8, Math.max(2, text.split('\n').length + 1));

/**
 * Shown above an edit form after "Reload" when a save was refused because someone else changed the
 * object first: the form now holds the current version with the person's unsaved changes on top, and
 * where both changed the same field, the other person's text stays readable beside the form.
 */
export function KeptDraftNotice({ what, theirs }: KeptDraftNoticeProps) {
  const both = theirs.map((change) => change.label.toLowerCase());
  return (
    <>
      <Alert tone="info" title={`Reloaded: your unsaved changes are kept on top of the ${what} as it is now.`}>
        <p>
          The fields you did not change show what was saved meanwhile. Nothing is saved until you choose “Save changes”.
          {both.length > 0 && ` You and someone else both changed: ${both.join(', ')}. Saving keeps yours.`}
        </p>
      </Alert>
      {theirs.map(
        (change) =>
          change.value !== null && (
            <details key={change.label} className="section-block" open>
              <summary>Their {change.label.toLowerCase()}, as saved</summary>
              <TextAreaField label={`Their ${change.label.toLowerCase()}`} readOnly value={change.value} rows={rowsFor(change.value)} />
            </details>
          ),
      )}
    </>
  );
}
