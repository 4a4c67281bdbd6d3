import { type DragEvent, type ReactNode, useRef, useState } from 'react';

export interface DropZoneProps {
  /** Off when the reader may not upload here: then nothing reacts to dragging. */
  enabled: boolean;
  onFiles: (files: File[]) => void;
  /** Told when folders were dropped: only files can be uploaded. */
  onFoldersRefused: (names: string[]) => void;
  children: ReactNode;
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * The folder's contents take dropped files. Dragging is a pointer shortcut only: the "Choose files"
 * button next to it does the same from the keyboard.
 */
export function DropZone({ enabled, onFiles, onFoldersRefused, children }: DropZoneProps) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child element; count them to know when the pointer really left.
  const depth = useRef(0);

  if (!enabled) return <div className="drop-zone">{children}</div>;

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setDragging(false);
    const files: File[] = [];
    const folders: string[] = [];
    const items = Array.from(event.dataTransfer.items);
    if (items.length > 0) {
      for (const item of items) {
        if (item.kind !== 'file') continue;
        const entry = item.webkitGetAsEntry?.();
        const file = item.getAsFile();
        if (entry?.isDirectory) folders.push(entry.name);
        else if (file) files.push(file);
      }
    } else {
      files.push(...Array.from(event.dataTransfer.files));
    }
    if (folders.length > 0) onFoldersRefused(folders);
    if (files.length > 0) onFiles(files);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a pointer shortcut; the "Choose files" button does the same from the keyboard
    <div
      className="drop-zone"
      data-dragging={dragging || undefined}
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={handleDrop}
    >
      {children}
      {dragging && (
        <p className="drop-hint" aria-hidden="true">
          Drop the files to upload them here
        </p>
      )}
    </div>
  );
}
