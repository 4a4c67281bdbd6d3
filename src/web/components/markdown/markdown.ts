import MarkdownIt, { type Token } from 'markdown-it';

// The first of two layers between a note's Markdown and the page: markdown-it with raw HTML off
// (anything written as HTML stays text), its own link check (javascript:, vbscript:, file: and
// data: are refused), and the rules below. `sanitize.ts` runs the result through DOMPurify.

/** Every link in a note: no referrer, no window.opener, no ranking credit for the target. */
export const NOTE_LINK_REL = 'noopener noreferrer nofollow';

const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });

type TokenConstructor = new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;

const alignments = new Set(['left', 'center', 'right']);

/** Images become links to the picture so nothing is fetched; an image inside a link (or a data: one) becomes its text. */
function imagesToLinks(children: Token[], TokenClass: TokenConstructor): Token[] {
  const result: Token[] = [];
  let linkDepth = 0;
  for (const token of children) {
    if (token.type === 'link_open') linkDepth += 1;
    if (token.type === 'link_close') linkDepth -= 1;
    if (token.type !== 'image') {
      result.push(token);
      continue;
    }
    const src = String(token.attrGet('src') ?? '');
    const alt = markdown.renderer.renderInlineAsText(token.children ?? [], markdown.options, {}).trim();
    const text = new TokenClass('text', '', 0);
    if (linkDepth > 0 || src === '' || /^data:/i.test(src)) {
      text.content = alt === '' ? '[image]' : `[image: ${alt}]`;
      result.push(text);
      continue;
    }
    const open = new TokenClass('link_open', 'a', 1);
    open.attrSet('href', src);
    const title = token.attrGet('title');
    if (title) open.attrSet('title', title);
    open.attrJoin('class', 'note-image-link');
    text.content = `Image: ${alt === '' ? src : alt}`;
    result.push(open, text, new TokenClass('link_close', 'a', -1));
  }
  return result;
}

markdown.core.ruler.push('foyer_note_safety', (state) => {
  const TokenClass = state.Token as unknown as TokenConstructor;
  for (const token of state.tokens) {
    // The note's title is the page's h1: a note's "# Heading" is one level below it.
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      const level = Math.min(Number(token.tag.slice(1)) + 1, 6);
      token.tag = `h${level}`;
    }
    // Table alignment as a class: the CSP forbids style attributes.
    if (token.type === 'th_open' || token.type === 'td_open') {
      const style = token.attrGet('style');
      if (style !== null) {
        const align = /^text-align:(\w+)$/.exec(String(style))?.[1];
        token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
        if (align && alignments.has(align)) token.attrSet('class', `note-align-${align}`);
      }
    }
    if (token.type === 'inline' && token.children) {
      token.children = imagesToLinks(token.children, TokenClass);
      for (const child of token.children) {
        if (child.type === 'link_open') child.attrSet('rel', NOTE_LINK_REL);
      }
    }
  }
});

/**
 * A note's Markdown as HTML with no raw HTML, no images and no script links. Not yet for the page:
 * `noteHtml` in `sanitize.ts` is the second layer.
 */
export function renderNoteMarkdown(source: string): string {
  return markdown.render(source);
}
