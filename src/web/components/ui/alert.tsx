import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info';

export interface AlertProps {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
}

/** A boxed message. Errors interrupt (role="alert"); other tones are read when the reader is idle. */
export function Alert({ tone = 'info', title, children }: AlertProps) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="alert-title">{title}</p>}
      {children}
    </div>
  );
}

/** Form-level problems, one per line; nothing when there are none. */
export function FormAlert({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  const [first, ...rest] = messages;
  return (
    <Alert tone="error">
      <p>{first}</p>
      {rest.length > 0 && (
        <ul className="alert-list">
          {rest.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/**
 * A success or progress message. The live region is always in the page so that screen
 * readers notice when text appears in it (a freshly inserted region is often missed).
 */
export function LiveStatus({ message, tone = 'success' }: { message: string | null; tone?: 'success' | 'info' }) {
  return (
    <div role="status" className="live-status">
      {message && <div className={`alert alert-${tone}`}>{message}</div>}
    </div>
  );
}
