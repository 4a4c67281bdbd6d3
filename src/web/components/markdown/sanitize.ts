import DOMPurify from 'dompurify';
import { NOTE_LINK_REL, renderNoteMarkdown } from './markdown';

// The second layer: whatever markdown-it produced, only these elements and attributes reach the
// page. No images, media, forms, frames, styles or ids; links keep only safe addresses.

const ALLOWED_TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  's',
  'a',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'title', 'rel', 'start', 'class'];
const allowedClass = /^(note-align-(left|center|right)|note-image-link)$/;

const purify = DOMPurify();

purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName !== 'class') return;
  const kept = data.attrValue.split(/\s+/).filter((name) => allowedClass.test(name));
  if (kept.length === 0) data.keepAttr = false;
  else data.attrValue = kept.join(' ');
});

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('rel', NOTE_LINK_REL);
    node.removeAttribute('target');
  }
});

/** A note's Markdown as HTML that is safe to put in the page. */
export function noteHtml(source: string): string {
  return purify.sanitize(renderNoteMarkdown(source), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_TRUSTED_TYPE: false,
  });
}
