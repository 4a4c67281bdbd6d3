// Pure helpers for the calendar feed panel: the one-click subscription link and copying the address.

/**
 * The `webcal://` form of a feed address, which opens the person's calendar app ready to subscribe.
 * `webcal://` names no transport of its own: some apps try HTTPS, others plain HTTP (which a server
 * behind HTTPS redirects), so both `https://` and `http://` map to it. Anything else: null.
 */
export function webcalUrl(feedUrl: string): string | null {
  const match = /^https?:\/\/(.+)$/i.exec(feedUrl.trim());
  return match?.[1] ? `webcal://${match[1]}` : null;
}

export type CopyResult = 'copied' | 'manual';

/** The part of `navigator.clipboard` the copy button needs; absent over plain HTTP on most browsers. */
export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

/**
 * Puts `text` on the clipboard. "manual" when the browser has no clipboard API here (it needs a
 * secure context) or refuses (no permission): the caller then selects the text for Ctrl+C.
 */
export async function copyText(text: string, clipboard: ClipboardWriter | undefined): Promise<CopyResult> {
  if (!clipboard) return 'manual';
  try {
    await clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'manual';
  }
}

export const copyMessages: Record<CopyResult, string> = {
  copied: 'Copied',
  manual: 'The address is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.',
};
