import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * The page's h1. It names the document and, after a client-side navigation (not on first load),
 * takes focus so screen-reader and keyboard users start at the top of the new page.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();

  useEffect(() => {
    document.title = `${children} – Dermis`;
  }, [children]);

  useEffect(() => {
    if (key !== 'default') ref.current?.focus();
  }, [key]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
