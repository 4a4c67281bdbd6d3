const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface MailContent {
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** A list of linked lines after the paragraphs (a digest's notifications). */
  items?: { text: string; url: string }[];
  footer: string;
  /** Links under the footer (unsubscribe, settings). */
  footerLinks?: { label: string; url: string }[];
}

/** Builds the plain-text and HTML parts from one description, so they always say the same thing. */
export function renderMail(content: MailContent): { text: string; html: string } {
  const text = [content.greeting, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.items?.length) text.push(...content.items.flatMap((i) => [`- ${i.text}`, `  ${i.url}`]), '');
  if (content.action) text.push(`${content.action.label}: ${content.action.url}`, '');
  text.push('--', content.footer);
  for (const link of content.footerLinks ?? []) text.push(`${link.label}: ${link.url}`);

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const button = content.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(content.action.url)}" style="background:#1f4e79;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(content.action.url)}</p>`
    : '';
  const a = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const items = content.items?.length
    ? `<ul style="margin:0 0 16px;padding-left:20px">${content.items.map((i) => `<li style="margin:0 0 8px">${a(i.url, i.text)}</li>`).join('')}</ul>`
    : '';
  const footerLinks = (content.footerLinks ?? [])
    .map((l) => `<p style="font-size:13px;color:#666;margin:0 0 4px">${a(l.url, l.label)}</p>`)
    .join('');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;color:#222;max-width:560px;margin:0 auto;padding:24px">${p(content.greeting)}${content.paragraphs.map(p).join('')}${items}${button}<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:13px;color:#666">${escapeHtml(content.footer)}</p>${footerLinks}</body></html>`;
  return { text: text.join('\n'), html };
}
