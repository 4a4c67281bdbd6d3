import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';

/** A webhook's signing secret, shown once after it is made, with a way to copy it. */
export function SecretPanel({ name, secret, rotated, onDone }: { name: string; secret: string; rotated: boolean; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const inputId = useId();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');

  // Appears after a dialog closed or a button was pressed: start the reader here.
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState('copied');
    } catch {
      // Clipboard access needs HTTPS and permission; fall back to a selection the person can copy.
      inputRef.current?.select();
      setCopyState('manual');
    }
  }

  return (
    <section className="token-secret" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="subheading">
        {rotated ? `New signing secret for “${name}”` : `Webhook “${name}” created`}
      </h2>
      <p>
        <strong>Copy the signing secret now: you will not see it again.</strong> The receiver needs it to check that deliveries come from
        Foyer.{rotated ? ' The old secret no longer signs anything.' : ''}
      </p>
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          Signing secret
        </label>
        <div className="copy-row">
          <input
            ref={inputRef}
            id={inputId}
            className="input input-code"
            readOnly
            value={secret}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="primary" onClick={copy}>
            Copy
          </Button>
        </div>
      </div>
      <p role="status" className="copy-status">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'manual' && 'The secret is selected: press Ctrl+C (or ⌘C) to copy it.'}
      </p>
      <div className="actions">
        <Button onClick={onDone}>I have copied it</Button>
      </div>
    </section>
  );
}
