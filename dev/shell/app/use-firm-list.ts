/** Loads a list from the firm API and reloads it when `version` changes. */
import { useEffect, useState } from 'react';
import type { FirmApi } from './api-client';

export function useFirmList<T>(api: FirmApi, path: string, version: number): { items: T[] | undefined; error: string | undefined } {
  const [state, setState] = useState<{ items: T[] | undefined; error: string | undefined }>({ items: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    api.request<T[]>('GET', path).then(
      (items) => live && setState({ items, error: undefined }),
      (err: unknown) => live && setState({ items: undefined, error: `Could not load ${path}: ${(err as Error).message}` }),
    );
    return () => {
      live = false;
    };
  }, [api, path, version]);
  return state;
}
