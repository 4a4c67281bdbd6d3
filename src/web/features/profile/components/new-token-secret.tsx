import { useEffect, useId, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { CopyField } from '../../../components/ui/copy-field';
import type { CreatedApiToken } from '../api';

/** Shows a fresh token's secret exactly once, with a way to copy it. */
export function NewTokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Replaces the form whose button had focus; start the reader at this message instead.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="token-secret" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Token “{token.name}” created
      </h3>
      <p>
        <strong>Copy it now: you will not see it again.</strong> Anyone who has it can act as you, so keep it as safe as a password.
      </p>
      <CopyField label="New token" value={token.token} what="token" />
      <p>Send it with each request to the API as this header:</p>
      <code className="code-block">Authorization: Bearer &lt;token&gt;</code>
      <div className="actions">
        <Button onClick={onDone}>I have copied it</Button>
      </div>
    </section>
  );
}
