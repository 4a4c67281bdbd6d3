import { useMemo } from 'react';
import { noteHtml } from './sanitize';

export interface MarkdownProps {
  source: string;
  className?: string;
}

/**
 * A note's or a task description's Markdown, rendered. The only place the web UI sets HTML: markdown-it with raw HTML off,
 * then DOMPurify (see `sanitize.ts`); nothing else ever reaches dangerouslySetInnerHTML.
 */
export function Markdown({ source, className }: MarkdownProps) {
  const html = useMemo(() => noteHtml(source), [source]);
  const classes = ['note-body', className].filter(Boolean).join(' ');
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the output of noteHtml, sanitised twice
  return <div className={classes} dangerouslySetInnerHTML={{ __html: html }} />;
}
