import { lazy, Suspense } from 'react';

// markdown-it and DOMPurify are loaded with the first note someone opens, not with every page.
const Markdown = lazy(() => import('./markdown').then((module) => ({ default: module.Markdown })));

/** A note's Markdown, rendered safely (see `markdown.tsx`); its text says when it is still loading. */
export function NoteMarkdown({ source }: { source: string }) {
  return (
    <Suspense fallback={<p className="empty">Loading the note’s text…</p>}>
      <Markdown source={source} />
    </Suspense>
  );
}
