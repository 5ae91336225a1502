/**
 * The catalog and the signed-in user's installed add-ins, with their parsed manifests. Installed
 * add-ins are registered with the host bridge before React renders their frames, so the bridge
 * knows their origin when the frames first speak.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FirmApi } from './api-client';
import type { HostBridge } from './host-bridge';
import { parseManifest, type AddinManifest } from './manifest-commands';
import type { InstalledAddin } from './menu-tree';

export interface CatalogItem {
  addinId: string;
  manifestUrl: string;
  manifest?: AddinManifest;
  /** Why the manifest could not be read or used. */
  error?: string;
  installed: boolean;
}

export function useAddins(api: FirmApi, bridge: HostBridge, userId: string | undefined) {
  const [catalog, setCatalog] = useState<CatalogItem[]>([]);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!userId) return undefined;
    let live = true;
    (async () => {
      const entries = await api.request<Array<{ id: string; manifestUrl: string }>>('GET', '/api/catalog');
      const { addins } = await api.request<{ addins: string[] }>('GET', `/api/users/${encodeURIComponent(userId)}/addins`);
      const items = await Promise.all(
        entries.map(async (e): Promise<CatalogItem> => {
          const base = { addinId: e.id, manifestUrl: e.manifestUrl, installed: addins.includes(e.id) };
          try {
            return { ...base, manifest: parseManifest(await api.text(`/api/catalog/${encodeURIComponent(e.id)}/manifest`)) };
          } catch (err) {
            return { ...base, error: (err as Error).message };
          }
        }),
      );
      if (!live) return;
      for (const item of items) {
        if (item.installed && item.manifest) bridge.registerAddin(item.addinId, item.manifest.origin);
        else bridge.unregisterAddin(item.addinId);
      }
      setCatalog(items);
    })().catch((err: unknown) => {
      if (live) setCatalog([{ addinId: '(catalog)', manifestUrl: '', installed: false, error: `The add-in catalog could not be read: ${(err as Error).message}` }]);
    });
    return () => {
      live = false;
    };
  }, [api, bridge, userId, version]);

  const install = useCallback(
    async (addinId: string) => {
      if (!userId) return;
      await api.request('PUT', `/api/users/${encodeURIComponent(userId)}/addins/${encodeURIComponent(addinId)}`);
      setVersion((v) => v + 1);
    },
    [api, userId],
  );

  const uninstall = useCallback(
    async (addinId: string) => {
      if (!userId) return;
      await api.request('DELETE', `/api/users/${encodeURIComponent(userId)}/addins/${encodeURIComponent(addinId)}`);
      // Stop answering its frames at once, before they are removed from the page.
      bridge.unregisterAddin(addinId);
      setCatalog((items) => items.map((i) => (i.addinId === addinId ? { ...i, installed: false } : i)));
    },
    [api, bridge, userId],
  );

  const installed: InstalledAddin[] = catalog.filter((i) => i.installed && i.manifest).map((i) => ({ addinId: i.addinId, manifest: i.manifest as AddinManifest }));
  return { catalog, installed, install, uninstall, reload: () => setVersion((v) => v + 1) };
}
