import { useCallback, useState } from 'react';

/** The checked rows of a list, by id, with the toggles a check column and "Select all" need. */
export function useChecked() {
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string, on: boolean) => {
    setChecked((prev) => {
      if (prev.has(id) === on) return prev;
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const setAll = useCallback((ids: readonly string[], on: boolean) => {
    setChecked((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  /** Keeps only the ids still listed, so a row hidden by a filter is never sent unseen. */
  const keepOnly = useCallback((ids: ReadonlySet<string>) => {
    setChecked((prev) => {
      const next = new Set([...prev].filter((id) => ids.has(id)));
      return next.size === prev.size ? prev : next;
    });
  }, []);
  return { checked, toggle, setAll, keepOnly };
}
