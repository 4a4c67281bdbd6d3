const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface MailContent {
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

/** Builds the plain-text and HTML parts from one description, so they always say the same thing. */
export function renderMail(content: MailContent): { text: string; html: string } {
  const text = [content.greeting, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.action) text.push(`${content.action.label}: ${content.action.url}`, '');
  text.push('--', content.footer);

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const button = content.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(content.action.url)}" style="background:#1f4e79;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(content.action.url)}</p>`
    : '';
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;color:#222;max-width:560px;margin:0 auto;padding:24px">${p(content.greeting)}${content.paragraphs.map(p).join('')}${button}<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:13px;color:#666">${escapeHtml(content.footer)}</p></body></html>`;
  return { text: text.join('\n'), html };
}
