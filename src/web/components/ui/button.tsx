import type { ComponentProps } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet';

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: Variant;
  /** A request is in flight: the button stays focusable (so focus is not lost) but inert. */
  busy?: boolean;
}

export function Button({ variant = 'secondary', busy = false, type = 'button', className, onClick, ...rest }: ButtonProps) {
  const classes = ['button', `button-${variant}`, className].filter(Boolean).join(' ');
  return (
    <button
      type={type}
      className={classes}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    />
  );
}
