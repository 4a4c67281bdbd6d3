// Copying to the clipboard, with the fallback every copy button needs: the browser may have no
// clipboard API (it needs a secure context) or refuse (no permission).

export type CopyResult = 'copied' | 'manual';

/** The part of `navigator.clipboard` a copy needs. */
export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

const browserClipboard = (): ClipboardWriter | undefined => (typeof navigator === 'undefined' ? undefined : navigator.clipboard);

/** Puts `text` on the clipboard; "manual" when that cannot be done and the caller should select the text for Ctrl+C. */
export async function copyText(text: string, clipboard: ClipboardWriter | undefined = browserClipboard()): Promise<CopyResult> {
  if (!clipboard) return 'manual';
  try {
    await clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'manual';
  }
}
