import { describe, expect, it } from 'vitest';
import { NOTE_LINK_REL, renderNoteMarkdown } from './markdown';

// The unit project runs without a DOM, so this covers the markdown-it layer; DOMPurify, the second
// layer, is exercised in the browser by test/e2e/notes.test.ts.

describe('renderNoteMarkdown', () => {
  it('renders headings one level below the page title, lists and emphasis', () => {
    const html = renderNoteMarkdown('# Plan\n\n- one\n- **two**\n\n## Later');
    expect(html).toContain('<h2>Plan</h2>');
    expect(html).toContain('<h3>Later</h3>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<strong>two</strong>');
  });

  it('shows raw HTML as text, never as elements', () => {
    const html = renderNoteMarkdown('<script>window.__x=1</script>\n\nHello <b onclick="x()">there</b> <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b[\s>]/i);
    expect(html).toContain('&lt;script&gt;window.__x=1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('turns images into links to the picture, so nothing is loaded', () => {
    const html = renderNoteMarkdown('![pic](https://example.invalid/p.png "A title")');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(
      `<a href="https://example.invalid/p.png" title="A title" class="note-image-link" rel="${NOTE_LINK_REL}">Image: pic</a>`,
    );
  });

  it('keeps an image inside a link, or a data: image, as its text only', () => {
    const linked = renderNoteMarkdown('[![logo](https://example.invalid/l.png)](https://example.org)');
    expect(linked).not.toMatch(/<img/i);
    expect(linked.match(/<a /g)).toHaveLength(1);
    expect(linked).toContain('[image: logo]');
    const inline = renderNoteMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)');
    expect(inline).not.toMatch(/<img|<a /i);
    expect(inline).toContain('[image: dot]');
  });

  it('drops script addresses from links and images', () => {
    for (const source of [
      '[click](javascript:alert(1))',
      '[click](JAVASCRIPT:alert(1))',
      '[click](  javascript:alert(1))',
      '[click](vbscript:msgbox(1))',
      '[click](data:text/html;base64,PHNjcmlwdD4=)',
      '![x](javascript:alert(1))',
      '<javascript:alert(1)>',
    ]) {
      const html = renderNoteMarkdown(source);
      expect(html, source).not.toMatch(/href="(javascript|vbscript|data):/i);
      expect(html, source).not.toMatch(/<img/i);
    }
  });

  it('gives every link, written or found in the text, a safe rel and no target', () => {
    const html = renderNoteMarkdown('[site](https://example.org) and https://example.com/plain and <https://example.net>');
    const links = html.match(/<a [^>]*>/g) ?? [];
    expect(links).toHaveLength(3);
    for (const link of links) {
      expect(link).toContain(`rel="${NOTE_LINK_REL}"`);
      expect(link).not.toContain('target=');
    }
  });

  it('escapes quotes in addresses and titles', () => {
    const html = renderNoteMarkdown('[x](https://example.org/"onmouseover="alert(1) "t\\"itle")');
    expect(html).not.toMatch(/"\s*onmouseover=/);
  });

  it('aligns table cells with classes, never style attributes', () => {
    const html = renderNoteMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |');
    expect(html).not.toContain('style=');
    expect(html).toContain('<th class="note-align-left">a</th>');
    expect(html).toContain('<td class="note-align-right">2</td>');
  });
});
