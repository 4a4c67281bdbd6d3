import { fileTypeFromBuffer } from 'file-type';

/**
 * The type of the bytes, from their signature: never from the name or the client's header. Bytes
 * with no known signature are text when they decode as UTF-8 without NUL characters, otherwise
 * opaque. HTML, SVG and scripts therefore come out as text/plain or application/octet-stream or
 * as what file-type names them, and none of those is ever rendered inline.
 */
export async function detectContentType(head: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  if (head.length === 0) return 'application/octet-stream';
  if (!head.includes(0) && looksLikeUtf8(head)) return 'text/plain';
  return 'application/octet-stream';
}

function looksLikeUtf8(bytes: Buffer): boolean {
  try {
    // The head may end in the middle of a character: ignore an incomplete last sequence.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    return true;
  } catch {
    return false;
  }
}
