import { useEffect, useId, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { CopyField } from '../../../components/ui/copy-field';

/** A webhook's signing secret, shown once after it is made, with a way to copy it. */
export function SecretPanel({ name, secret, rotated, onDone }: { name: string; secret: string; rotated: boolean; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  // Appears as a dialog closes, and closing gives focus back to the button that opened it: take it
  // one frame later, so the reader starts at the secret that is shown only once.
  useEffect(() => {
    const frame = requestAnimationFrame(() => headingRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <section className="token-secret" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="subheading">
        {rotated ? `New signing secret for “${name}”` : `Webhook “${name}” created`}
      </h2>
      <p>
        <strong>Copy the signing secret now: you will not see it again.</strong> The receiver needs it to check that deliveries come from
        Foyer.{rotated ? ' The old secret no longer signs anything.' : ''}
      </p>
      <CopyField label="Signing secret" value={secret} what="secret" />
      <div className="actions">
        <Button onClick={onDone}>I have copied it</Button>
      </div>
    </section>
  );
}
