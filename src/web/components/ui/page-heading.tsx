import { useEffect } from 'react';

/**
 * The page's h1. It can take focus (tabIndex -1) because the router moves focus here after
 * each navigation, so screen reader and keyboard users start at the top of the new page.
 */
export function PageHeading({ children, description }: { children: string; description?: string }) {
  useEffect(() => {
    document.title = `${children} · Foyer`;
  }, [children]);

  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{children}</h1>
      {description && <p className="page-description">{description}</p>}
    </div>
  );
}
