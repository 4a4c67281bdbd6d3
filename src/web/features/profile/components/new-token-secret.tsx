import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { CreatedApiToken } from '../api';

/** Shows a fresh token's secret exactly once, with a way to copy it. */
export function NewTokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const inputId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');

  // Replaces the form whose button had focus; start the reader at this message instead.
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyState('copied');
    } catch {
      // Clipboard access needs HTTPS and permission; fall back to a selection the person can copy.
      inputRef.current?.select();
      setCopyState('manual');
    }
  }

  return (
    <section className="token-secret" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Token “{token.name}” created
      </h3>
      <p>
        <strong>Copy it now: you will not see it again.</strong> Anyone who has it can act as you, so keep it as safe as a password.
      </p>
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          New token
        </label>
        <div className="copy-row">
          <input
            ref={inputRef}
            id={inputId}
            className="input input-code"
            readOnly
            value={token.token}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="primary" onClick={copy}>
            Copy
          </Button>
        </div>
      </div>
      <p role="status" className="copy-status">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'manual' && 'The token is selected: press Ctrl+C (or ⌘C) to copy it.'}
      </p>
      <p>Send it with each request to the API as this header:</p>
      <code className="code-block">Authorization: Bearer &lt;token&gt;</code>
      <div className="actions">
        <Button onClick={onDone}>I have copied it</Button>
      </div>
    </section>
  );
}
