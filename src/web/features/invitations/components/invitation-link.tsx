import { useEffect, useId, useRef } from 'react';
import { Button } from '../../../components/ui/button';

export type CopyState = 'copying' | 'copied' | 'manual';

export interface ShownLink {
  email: string;
  url: string;
  state: CopyState;
}

/**
 * An invitation link for sending through another channel (chat, phone). It is also shown in a
 * read-only field, because clipboard access needs HTTPS and the browser's permission.
 */
export function InvitationLink({ link, onClose }: { link: ShownLink; onClose: () => void }) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (link.state !== 'manual') return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [link]);

  return (
    <div className="token-secret">
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          Invitation link for {link.email}
        </label>
        <div className="copy-row">
          <input
            ref={inputRef}
            id={inputId}
            className="input input-code"
            readOnly
            value={link.url}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button onClick={onClose}>Done</Button>
        </div>
      </div>
      <p role="status" className="copy-status">
        {link.state === 'copied' && 'Link copied'}
        {link.state === 'manual' && 'The link is selected: press Ctrl+C (or ⌘C) to copy it.'}
      </p>
      <p className="field-hint">Whoever opens this link can join as {link.email}: send it only to them.</p>
    </div>
  );
}
