import { lazy, Suspense } from 'react';

// markdown-it and DOMPurify are loaded with the first note or task description someone opens,
// not with every page.
const Markdown = lazy(() => import('./markdown-view').then((module) => ({ default: module.Markdown })));

export interface LazyMarkdownProps {
  source: string;
  /** Shown, as the text's stand-in, while the renderer is still loading. */
  loadingText: string;
}

/** Markdown, rendered safely (see `markdown-view.tsx`); the loading text says when it is still on its way. */
export function LazyMarkdown({ source, loadingText }: LazyMarkdownProps) {
  return (
    <Suspense fallback={<p className="empty">{loadingText}</p>}>
      <Markdown source={source} />
    </Suspense>
  );
}

/** A note's Markdown, rendered safely (see `markdown-view.tsx`); its text says when it is still loading. */
export function NoteMarkdown({ source }: { source: string }) {
  return <LazyMarkdown source={source} loadingText="Loading the note’s text…" />;
}
