import { useId, useRef, useState } from 'react';
import { copyText } from '../../lib/clipboard';
import { Button } from './button';

/** A read-only value with a Copy button, and a spoken note of whether copying worked. */
export function CopyField({ label, value, what }: { label: string; value: string; what: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');

  async function copy() {
    const result = await copyText(value);
    // Without the clipboard, a selection the person can copy.
    if (result === 'manual') inputRef.current?.select();
    setCopyState(result);
  }

  return (
    <>
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          {label}
        </label>
        <div className="copy-row">
          <input
            ref={inputRef}
            id={inputId}
            className="input input-code"
            readOnly
            value={value}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="primary" onClick={copy}>
            Copy
          </Button>
        </div>
      </div>
      <p role="status" className="copy-status">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'manual' && `The ${what} is selected: press Ctrl+C (or ⌘C) to copy it.`}
      </p>
    </>
  );
}
