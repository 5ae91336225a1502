/**
 * True from the first time an element is on screen. The Integration window keeps every tab
 * mounted but hidden; a tab waits until it is first shown before loading, so opening the window
 * at Contact Match does not also page through every employee and item in QBO meanwhile.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useFirstVisible(ref: RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return undefined;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return undefined;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting || e.intersectionRatio > 0)) {
        setSeen(true);
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}
