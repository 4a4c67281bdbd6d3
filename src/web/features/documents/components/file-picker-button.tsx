import { type ChangeEvent, useRef } from 'react';
import { Button, type ButtonProps } from '../../../components/ui/button';

export interface FilePickerButtonProps extends Omit<ButtonProps, 'onClick' | 'onChange'> {
  multiple?: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * A real button (reachable and labelled like any other) that opens the system's file picker through
 * a file input kept out of sight and out of the tab order.
 */
export function FilePickerButton({ multiple = true, onFiles, children, ...button }: FilePickerButtonProps) {
  const input = useRef<HTMLInputElement>(null);

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    // Clear it so that choosing the same file again still counts as a change.
    event.target.value = '';
    if (files.length > 0) onFiles(files);
  }

  return (
    <>
      <Button {...button} onClick={() => input.current?.click()}>
        {children}
      </Button>
      <input ref={input} type="file" multiple={multiple} hidden tabIndex={-1} onChange={handleChange} />
    </>
  );
}
