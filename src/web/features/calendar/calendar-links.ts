// Pure helpers for the calendar feed panel: the one-click subscription link and the copy messages.
import type { CopyResult } from '../../lib/clipboard';

/**
 * The `webcal://` form of a feed address, which opens the person's calendar app ready to subscribe.
 * `webcal://` names no transport of its own: some apps try HTTPS, others plain HTTP (which a server
 * behind HTTPS redirects), so both `https://` and `http://` map to it. Anything else: null.
 */
export function webcalUrl(feedUrl: string): string | null {
  const match = /^https?:\/\/(.+)$/i.exec(feedUrl.trim());
  return match?.[1] ? `webcal://${match[1]}` : null;
}

export const copyMessages: Record<CopyResult, string> = {
  copied: 'Copied',
  manual: 'The address is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.',
};
